//! Parses an HTML document with html5ever (the parser browsers' behaviour
//! is specified by) and reports what a valid document must not have: parse
//! errors (stray end tags, control characters, bad nesting the parser had to
//! repair) and duplicate ids. Shared by the test suite and the fuzz campaign.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, ExpandedName, ParseOpts, QualName, parse_document};

/// What is wrong with one document: parse errors and duplicate ids.
pub fn problems(html: &str) -> Vec<String> {
    let sink = Sink::default();
    let opts = ParseOpts {
        tokenizer: html5ever::tokenizer::TokenizerOpts {
            exact_errors: true,
            ..Default::default()
        },
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            exact_errors: true,
            ..Default::default()
        },
    };
    let sink = parse_document(sink, opts).one(StrTendril::from(html));
    let mut found = sink.errors.into_inner();
    found.extend(
        sink.duplicate_ids
            .into_inner()
            .into_iter()
            .map(|id| format!("duplicate id \"{id}\"")),
    );
    found
}

/// A tree sink that keeps only element names, ids and the parse errors.
#[derive(Default)]
struct Sink {
    next_id: Cell<usize>,
    names: RefCell<HashMap<usize, &'static QualName>>,
    errors: RefCell<Vec<String>>,
    ids: RefCell<HashSet<String>>,
    duplicate_ids: RefCell<Vec<String>>,
}

impl Sink {
    fn new_id(&self) -> usize {
        let id = self.next_id.get() + 2;
        self.next_id.set(id);
        id
    }
}

impl TreeSink for Sink {
    type Handle = usize;
    type Output = Self;
    type ElemName<'a> = ExpandedName<'a>;

    fn finish(self) -> Self {
        self
    }

    fn parse_error(&self, msg: Cow<'static, str>) {
        self.errors.borrow_mut().push(msg.into_owned());
    }

    fn get_document(&self) -> usize {
        0
    }

    fn get_template_contents(&self, target: &usize) -> usize {
        target + 1
    }

    fn same_node(&self, x: &usize, y: &usize) -> bool {
        x == y
    }

    fn elem_name(&self, target: &usize) -> ExpandedName<'_> {
        let names = self.names.borrow();
        let name: &'static QualName = names.get(target).expect("an element");
        name.expanded()
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> usize {
        let id = self.new_id();
        for attr in &attrs {
            if &*attr.name.local == "id" {
                let value = attr.value.to_string();
                if !self.ids.borrow_mut().insert(value.clone()) {
                    self.duplicate_ids.borrow_mut().push(value);
                }
            }
        }
        // Names live as long as the check (a few per page): leaking keeps
        // the sink simple, as in html5ever's own example.
        self.names
            .borrow_mut()
            .insert(id, Box::leak(Box::new(name)));
        id
    }

    fn create_comment(&self, _text: StrTendril) -> usize {
        self.new_id()
    }

    fn create_pi(&self, _target: StrTendril, _value: StrTendril) -> usize {
        self.new_id()
    }

    fn append_before_sibling(&self, _sibling: &usize, _new_node: NodeOrText<usize>) {}

    fn append_based_on_parent_node(&self, _: &usize, _: &usize, _: NodeOrText<usize>) {}

    fn set_quirks_mode(&self, mode: QuirksMode) {
        if mode != QuirksMode::NoQuirks {
            self.errors
                .borrow_mut()
                .push(format!("quirks mode: {mode:?}"));
        }
    }

    fn append(&self, _parent: &usize, _child: NodeOrText<usize>) {}

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn add_attrs_if_missing(&self, _target: &usize, _attrs: Vec<Attribute>) {}

    fn remove_from_parent(&self, _target: &usize) {}

    fn reparent_children(&self, _node: &usize, _new_parent: &usize) {}

    fn mark_script_already_started(&self, _node: &usize) {}
}
