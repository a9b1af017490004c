//! Reading an internally tagged enum (`{"probe": "availability_at_least", "percent": 99}`)
//! from a [`serde_json::Value`]: the tag, then each field by name.
//!
//! Serde's derive for such enums buffers the object in its private `Content` type and reads
//! every variant from that buffer: 15–35 KB of wasm per enum in the page. The enums read
//! through here (`Command`, `RateProfile`, a level's `Criterion`) read a `Value`, which the
//! page's code has anyway, and take their fields from its map (README "Bundle size"). The
//! derive still writes them, so the format is unchanged: fields by name, unknown fields
//! ignored. Messages keep serde's words and name the field, which the derive's could not
//! (its errors inside a variant carried no path).

use serde::de::{DeserializeOwned, Error as _, Unexpected};
use serde_json::{Error, Map, Value};

/// An object with its tag read: which variant, and the fields to build it from.
pub(crate) struct Tagged<'a> {
    /// The tag's value, e.g. `availability_at_least`.
    pub(crate) tag: &'a str,
    fields: &'a Map<String, Value>,
}

/// Reads `value` as an object whose `tag` field names the variant; `what` is the enum's
/// name as serde's messages give it (`internally tagged enum Criterion`).
pub(crate) fn tagged<'a>(
    value: &'a Value,
    tag: &'static str,
    what: &'static str,
) -> Result<Tagged<'a>, Error> {
    let Value::Object(fields) = value else {
        return Err(Error::invalid_type(unexpected(value), &what));
    };
    match fields.get(tag) {
        None => Err(Error::missing_field(tag)),
        Some(Value::String(name)) => Ok(Tagged { tag: name, fields }),
        Some(other) => Err(Error::invalid_type(unexpected(other), &"variant identifier")),
    }
}

impl Tagged<'_> {
    /// The field `name`, which must be there.
    pub(crate) fn get<T: DeserializeOwned>(&self, name: &'static str) -> Result<T, Error> {
        match self.fields.get(name) {
            Some(value) => typed(value, name),
            None => Err(Error::missing_field(name)),
        }
    }

    /// The field `name`, or the type's default (`None`, `false`, 0) when it is absent.
    pub(crate) fn or_default<T: DeserializeOwned + Default>(&self, name: &'static str) -> Result<T, Error> {
        self.fields.get(name).map_or_else(|| Ok(T::default()), |value| typed(value, name))
    }

    /// The error for a tag that names no variant; `variants` as files spell them.
    pub(crate) fn unknown(&self, variants: &'static [&'static str]) -> Error {
        Error::unknown_variant(self.tag, variants)
    }
}

/// `value` read as a `T`; a wrong type names the field (`factor: invalid type: …`).
fn typed<T: DeserializeOwned>(value: &Value, name: &str) -> Result<T, Error> {
    T::deserialize(value).map_err(|e| Error::custom(format!("{name}: {e}")))
}

/// How serde's messages describe `value` ("string \"x\"", "integer `3`").
pub(crate) fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Unexpected::Unsigned(u),
            (None, Some(i)) => Unexpected::Signed(i),
            (None, None) => Unexpected::Float(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}
