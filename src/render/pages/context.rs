//! A page's template context as one object: the values every page has
//! (`site`, `t`, `wijk`, `frame`, `title`, ...) by name, then the page's own
//! content. Templates see exactly what `context! { site => .., ..content }`
//! gave them, but a variable is found with one `match` instead of through
//! minijinja's merged maps, which made a temporary key and scanned two lists
//! on every lookup (a page looks up some 160 variables).

use std::sync::Arc;

use minijinja::Value;
use minijinja::value::{Enumerator, Object};

/// The values of one page (see [`super::Frame::page`]).
#[derive(Debug)]
pub(super) struct PageContext {
    pub site: Value,
    pub t: Value,
    pub wijk: Value,
    pub frame: Value,
    pub title: Value,
    pub description: Value,
    pub canonical: Value,
    pub path: Value,
    pub preview: Value,
    pub today: Value,
    /// The page's own values; a name above wins over the same name here.
    pub content: Value,
}

/// The names [`PageContext`] holds itself, in the order of its fields.
const NAMES: [&str; 10] = [
    "site",
    "t",
    "wijk",
    "frame",
    "title",
    "description",
    "canonical",
    "path",
    "preview",
    "today",
];

impl PageContext {
    fn named(&self, key: &str) -> Option<&Value> {
        Some(match key {
            "site" => &self.site,
            "t" => &self.t,
            "wijk" => &self.wijk,
            "frame" => &self.frame,
            "title" => &self.title,
            "description" => &self.description,
            "canonical" => &self.canonical,
            "path" => &self.path,
            "preview" => &self.preview,
            "today" => &self.today,
            _ => return None,
        })
    }
}

impl Object for PageContext {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.get_value_by_str(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        if let Some(value) = self.named(key) {
            return Some(value.clone());
        }
        self.content
            .get_attr(key)
            .ok()
            .filter(|value| !value.is_undefined())
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        let mut keys: Vec<Value> = NAMES.iter().map(|name| Value::from(*name)).collect();
        if let Ok(content) = self.content.try_iter() {
            keys.extend(content.filter(|key| !key.as_str().is_some_and(|k| NAMES.contains(&k))));
        }
        keys.sort();
        Enumerator::Values(keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(content: Value) -> (PageContext, Value) {
        let page = PageContext {
            site: Value::from_serialize(minijinja::context! { title => "Gemeente" }),
            t: Value::from("t"),
            wijk: Value::from(()),
            frame: Value::from("frame"),
            title: Value::from("Titel"),
            description: Value::from("Over"),
            canonical: Value::from("https://x.example/a/"),
            path: Value::from("/a/"),
            preview: Value::from(false),
            today: Value::from("1 december 2026"),
            content: content.clone(),
        };
        let merged = minijinja::context! {
            site => page.site.clone(),
            t => page.t.clone(),
            wijk => page.wijk.clone(),
            frame => page.frame.clone(),
            title => page.title.clone(),
            description => page.description.clone(),
            canonical => page.canonical.clone(),
            path => page.path.clone(),
            preview => page.preview.clone(),
            today => page.today.clone(),
            ..content
        };
        (page, merged)
    }

    #[test]
    fn a_template_sees_what_the_merged_context_shows_it() {
        let content = minijinja::context! { item => minijinja::context! { title => "Riool" }, title => "overruled", lead => "" };
        let (page, merged) = context(content);
        let object = Value::from_object(page);
        let mut env = minijinja::Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        let template = "{{ site.title }}|{{ t }}|{{ wijk }}|{{ frame }}|{{ title }}|{{ description }}|{{ canonical }}|{{ path }}|{{ preview }}|{{ today }}|{{ item.title }}|{{ lead }}|{{ missing is defined }}";
        env.add_template("t", template).unwrap();
        let t = env.get_template("t").unwrap();
        let seen = t.render(object.clone()).unwrap();
        assert_eq!(seen, t.render(merged.clone()).unwrap());
        assert!(seen.starts_with("Gemeente|t|None|frame|Titel|Over|https://x.example/a/|/a/|False|1 december 2026|Riool||False"), "{seen}");
        let keys = |v: &Value| v.try_iter().unwrap().collect::<Vec<_>>();
        let mut expected = keys(&merged);
        expected.sort();
        assert_eq!(keys(&object), expected);
    }
}
