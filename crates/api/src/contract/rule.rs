//! A field's rule, and how the document states it.

use serde_json::Value;
use utoipa::openapi::{
    Array, Object, RefOr, Schema,
    schema::{ArrayItems, SchemaType, Type},
};

/// What a field accepts, as the server checks it. Lengths count characters as sent.
#[derive(Debug, Clone)]
pub enum Rule {
    /// Text a person writes: no control characters but tab and line breaks; `required`
    /// means something besides white space.
    Text { max: usize, required: bool },
    /// A single line (a name): no control characters at all.
    Line { max: usize, required: bool },
    /// The whole value matches `pattern` (ECMA-262), in `min..=max` characters.
    Pattern {
        pattern: String,
        min: Option<usize>,
        max: usize,
    },
    /// One of these words.
    Words(&'static [&'static str]),
    /// A list of `min..=max` items, each by its own rule when given.
    List {
        min: usize,
        max: usize,
        item: Option<Box<Rule>>,
    },
    /// A whole number, at least `min`; `1.0` is as whole as `1`.
    Whole { min: i64 },
    /// Anything the JSON body may hold (a token or a password being checked, which the
    /// server compares rather than validates): no control characters but tab and line
    /// breaks.
    Opaque,
    /// Free text in a query string: bounded, no control characters but tab and line breaks.
    QueryText { max: usize },
}

impl Rule {
    /// Narrows `schema`, a field's own (kept: its description, its type, whether it may be
    /// null), to this rule.
    pub fn state(&self, schema: &mut RefOr<Schema>) -> Result<(), String> {
        match (self, schema) {
            (Rule::List { min, max, item }, RefOr::T(Schema::Array(array))) => {
                list(array, *min, *max, item.as_deref())
            }
            (rule, RefOr::T(Schema::Object(object))) => {
                rule.state_on(object);
                Ok(())
            }
            (rule, _) => Err(format!("{rule:?} cannot state a reference or a composite")),
        }
    }

    fn state_on(&self, object: &mut Object) {
        match self {
            Rule::Text { max, required } => {
                object.pattern = Some(fluxstudio_domain::text::pattern(*required));
                bounds(object, (*required).then_some(1), *max);
            }
            Rule::Line { max, required } => {
                object.pattern = Some(fluxstudio_domain::text::line_pattern(*required));
                bounds(object, (*required).then_some(1), *max);
            }
            Rule::Pattern { pattern, min, max } => {
                object.pattern = Some(pattern.clone());
                bounds(object, *min, *max);
            }
            Rule::Words(words) => {
                let mut values: Vec<Value> = words.iter().map(|w| Value::from(*w)).collect();
                if nullable(&object.schema_type) {
                    values.push(Value::Null);
                }
                object.enum_values = Some(values);
            }
            Rule::Whole { min } => object.minimum = Some((*min).into()),
            Rule::Opaque => object.pattern = Some(fluxstudio_domain::text::pattern(false)),
            Rule::QueryText { max } => {
                object.pattern = Some(fluxstudio_domain::text::pattern(false));
                object.max_length = Some(*max);
            }
            Rule::List { .. } => {}
        }
    }
}

fn bounds(object: &mut Object, min: Option<usize>, max: usize) {
    object.min_length = min;
    object.max_length = Some(max);
}

fn list(array: &mut Array, min: usize, max: usize, item: Option<&Rule>) -> Result<(), String> {
    array.min_items = (min > 0).then_some(min);
    array.max_items = Some(max);
    match (item, &mut array.items) {
        (None, _) => Ok(()),
        (Some(rule), ArrayItems::RefOrSchema(schema)) => rule.state(schema),
        (Some(rule), ArrayItems::False) => Err(format!("{rule:?} on a list of nothing")),
    }
}

fn nullable(schema_type: &SchemaType) -> bool {
    matches!(schema_type, SchemaType::Array(types) if types.contains(&Type::Null))
}
