//! An [`ItemView`] as a template value: the fields a template reads as
//! `item.title`, `item.when.text`, ... It holds the same values serde would
//! make of the view (field by field, with `card` only when there is one),
//! but a field is found with one `match` on its name, where minijinja's value
//! of a serialized struct compares the name with each field name in turn (a
//! card and a page read an item's fields some 60 times).

use std::sync::Arc;

use minijinja::Value;
use minijinja::value::{Enumerator, Object};

use super::views::ItemView;

/// The fields of [`ItemView`] in their order, as serde names them.
const FIELDS: [&str; 24] = [
    "kind",
    "kind_label",
    "title",
    "url",
    "summary",
    "departments",
    "streets",
    "streets_more",
    "when",
    "location",
    "signup",
    "deadline",
    "draft",
    "status",
    "ics_url",
    "project",
    "parts",
    "state",
    "state_label",
    "planned_end",
    "extension",
    "updates",
    "scheduled",
    "card",
];

/// The template value of `view`.
pub fn item_value(view: &ItemView) -> Value {
    ItemValue::of(view).value()
}

/// The template values of `view` before and after its card is added: the
/// fields are made once for both.
pub fn item_value_with_card<E>(
    view: &ItemView,
    card: impl FnOnce(Value) -> Result<Value, E>,
) -> Result<(Value, Value), E> {
    let item = ItemValue::of(view);
    let card = card(item.clone().value())?;
    Ok((
        card.clone(),
        ItemValue {
            card: Some(card),
            ..item
        }
        .value(),
    ))
}

/// Each field's value made with `Value::from_serialize`, through one
/// function for fields of any type.
mod erased {
    use minijinja::Value;
    use serde::Serialize;

    pub trait Field {
        fn value(&self) -> Value;
    }

    impl<T: Serialize> Field for T {
        fn value(&self) -> Value {
            Value::from_serialize(self)
        }
    }
}

#[derive(Debug, Clone)]
struct ItemValue {
    /// The values of the fields but `card`, in [`FIELDS`] order.
    fields: [Value; 23],
    card: Option<Value>,
}

impl ItemValue {
    fn of(view: &ItemView) -> ItemValue {
        let field = |value: &dyn erased::Field| value.value();
        ItemValue {
            fields: [
                field(&view.kind),
                field(&view.kind_label),
                field(&view.title),
                field(&view.url),
                field(&view.summary),
                field(&view.departments),
                field(&view.streets),
                field(&view.streets_more),
                field(&view.when),
                field(&view.location),
                field(&view.signup),
                field(&view.deadline),
                field(&view.draft),
                field(&view.status),
                field(&view.ics_url),
                field(&view.project),
                Value::from(view.parts.iter().map(item_value).collect::<Vec<_>>()),
                field(&view.state),
                field(&view.state_label),
                field(&view.planned_end),
                field(&view.extension),
                field(&view.updates),
                field(&view.scheduled),
            ],
            card: view.card.clone(),
        }
    }

    fn value(self) -> Value {
        Value::from_object(self)
    }

    fn index(key: &str) -> Option<usize> {
        Some(match key {
            "kind" => 0,
            "kind_label" => 1,
            "title" => 2,
            "url" => 3,
            "summary" => 4,
            "departments" => 5,
            "streets" => 6,
            "streets_more" => 7,
            "when" => 8,
            "location" => 9,
            "signup" => 10,
            "deadline" => 11,
            "draft" => 12,
            "status" => 13,
            "ics_url" => 14,
            "project" => 15,
            "parts" => 16,
            "state" => 17,
            "state_label" => 18,
            "planned_end" => 19,
            "extension" => 20,
            "updates" => 21,
            "scheduled" => 22,
            _ => return None,
        })
    }
}

impl Object for ItemValue {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.get_value_by_str(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        match ItemValue::index(key) {
            Some(i) => Some(self.fields[i].clone()),
            None if key == "card" => self.card.clone(),
            None => None,
        }
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        let shown = self.fields.len() + usize::from(self.card.is_some());
        Enumerator::Str(&FIELDS[..shown])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::views::{Link, WhenView};

    fn view(card: Option<Value>) -> ItemView {
        let when = WhenView {
            text: "9 december".into(),
            start: "2026-12-09".into(),
            end: None,
            day: 9,
            month: "dec",
        };
        let part = ItemView {
            kind: "works",
            kind_label: "Werk",
            title: "Riool".into(),
            url: "/w/riool/".into(),
            summary: String::new(),
            departments: vec!["Openbare ruimte".into()],
            streets: vec![Link {
                label: "Kerkstraat".into(),
                url: "/w/straten/kerkstraat/".into(),
                current: false,
            }],
            streets_more: 2,
            when: Some(when.clone()),
            location: None,
            signup: Some("https://x.example/".into()),
            deadline: Some(when),
            draft: true,
            status: "now",
            ics_url: None,
            project: None,
            parts: Vec::new(),
            state: Some("bezig"),
            state_label: None,
            planned_end: Some("30 juni 2027".into()),
            extension: None,
            updates: Vec::new(),
            scheduled: None,
            card: None,
        };
        ItemView {
            kind: "project",
            parts: vec![part.clone(), part.clone()],
            card,
            ..part
        }
    }

    #[test]
    fn the_names_are_those_serde_gives_the_view() {
        let names = |v: &Value| {
            v.try_iter()
                .unwrap()
                .map(|k| k.as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        };
        for card in [None, Some(Value::from_safe_string("<article>".into()))] {
            let view = view(card);
            assert_eq!(
                names(&item_value(&view)),
                names(&Value::from_serialize(&view))
            );
        }
    }

    #[test]
    fn a_template_reads_the_same_from_it_as_from_the_serialized_view() {
        let mut env = minijinja::Environment::new();
        let template = "{% for k in item %}{{ k }}={{ item[k] }};{{ item|attr(k) }};{% endfor %}\
            {{ item.parts[1].streets[0].label }}{{ item.card is defined }}{{ item.nothing is defined }}\
            {{ item }}{{ item.when.text }}{{ item.parts | length }}";
        env.add_template("t", template).unwrap();
        let t = env.get_template("t").unwrap();
        for card in [None, Some(Value::from_safe_string("<article>".into()))] {
            let view = view(card);
            let ours = t
                .render(minijinja::context! { item => item_value(&view) })
                .unwrap();
            let serde = t
                .render(minijinja::context! { item => Value::from_serialize(&view) })
                .unwrap();
            assert_eq!(ours, serde);
        }
    }
}
