//! The names a request body of one route may carry: the request's fields and the route's
//! decoys. Every encoding reads a body through them, so that each name costs one hash look-up,
//! a name that is neither a field nor a decoy is skipped without being kept, and a repeated
//! name follows one rule, whatever the encoding: **the last occurrence wins**, as in JSON.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use serde::de::{self, DeserializeOwned, Visitor};
use serde::forward_to_deserialize_any;

use crate::__private::meta::Decoy;

/// What a name in a body stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Name {
    /// A field of the request: its name as the request spells it, or `None` when the request's
    /// fields are not known (then every name that is not a decoy counts as a field).
    Field(Option<&'static str>),
    /// The route's decoy at this index.
    Decoy(usize),
    /// Neither: skipped.
    Unknown,
}

/// The field and decoy names of one route.
#[derive(Debug)]
pub(crate) struct Names {
    fields: Option<HashSet<&'static str>>,
    field_count: usize,
    decoys: HashMap<&'static str, usize>,
}

impl Names {
    /// The names of `Req`'s fields (as its derived `Deserialize` lists them, aliases included)
    /// and of `decoys`.
    pub(crate) fn of<Req: DeserializeOwned>(decoys: &'static [Decoy]) -> Self {
        let fields = field_names::<Req>();
        Names {
            field_count: fields.map_or(0, <[_]>::len),
            fields: fields.map(|names| names.iter().copied().collect()),
            decoys: decoys
                .iter()
                .enumerate()
                .map(|(index, decoy)| (decoy.wire, index))
                .collect(),
        }
    }

    /// What `name` stands for.
    pub(crate) fn classify(&self, name: &str) -> Name {
        if let Some(&index) = self.decoys.get(name) {
            return Name::Decoy(index);
        }
        match &self.fields {
            None => Name::Field(None),
            Some(fields) => fields
                .get(name)
                .map_or(Name::Unknown, |&field| Name::Field(Some(field))),
        }
    }

    /// How many names a well-formed body carries at most: every field and decoy once.
    /// `None` when the request's fields are not known.
    pub(crate) fn expected(&self) -> Option<usize> {
        self.fields
            .as_ref()
            .map(|_| self.field_count + self.decoys.len())
    }
}

/// Values by name, in the order names first came, the last occurrence of a name replacing the
/// earlier ones in place.
#[derive(Debug)]
pub(crate) struct LastWins<'a, V> {
    entries: Vec<(Cow<'a, str>, V)>,
    index: HashMap<Cow<'a, str>, usize>,
    repeated: bool,
}

impl<'a, V> LastWins<'a, V> {
    /// No values yet.
    pub(crate) fn new() -> Self {
        LastWins {
            entries: Vec::new(),
            index: HashMap::new(),
            repeated: false,
        }
    }

    /// Sets `name` to `value`, replacing an earlier value of that name.
    pub(crate) fn set(&mut self, name: Cow<'a, str>, value: V) {
        match self.index.get(&name) {
            Some(&at) => {
                self.entries[at].1 = value;
                self.repeated = true;
            }
            None => {
                self.index.insert(name.clone(), self.entries.len());
                self.entries.push((name, value));
            }
        }
    }

    /// Whether a name was set more than once.
    pub(crate) fn repeated(&self) -> bool {
        self.repeated
    }

    /// The names and their last values.
    pub(crate) fn into_entries(self) -> Vec<(Cow<'a, str>, V)> {
        self.entries
    }

    /// The names and their last values, borrowed.
    pub(crate) fn entries(&self) -> &[(Cow<'a, str>, V)] {
        &self.entries
    }
}

/// The names `Req`'s `Deserialize` accepts as a struct's fields, or `None` when it does not
/// deserialize a struct (a map, a flattened struct): it is asked to read a deserializer that
/// only records the field list it is handed, then gives up.
fn field_names<Req: DeserializeOwned>() -> Option<&'static [&'static str]> {
    let mut fields = None;
    // The error is the probe's own: it ends every read.
    let _ = Req::deserialize(FieldProbe {
        fields: &mut fields,
    });
    fields
}

/// A deserializer that records the fields of the struct asked for, and fails.
struct FieldProbe<'a> {
    fields: &'a mut Option<&'static [&'static str]>,
}

impl<'de> de::Deserializer<'de> for FieldProbe<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        *self.fields = Some(fields);
        Err(de::Error::custom("fields recorded"))
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::__private::meta::DecoyValue;

    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Request {
        #[serde(rename = "type")]
        kind: String,
        #[serde(alias = "B")]
        count: Option<i64>,
    }

    static DECOYS: [Decoy; 1] = [Decoy {
        wire: "KAMD",
        value: DecoyValue::Fixed("ksjd"),
    }];

    #[test]
    fn a_structs_fields_and_aliases_are_known() {
        let names = Names::of::<Request>(&DECOYS);
        assert_eq!(names.classify("type"), Name::Field(Some("type")));
        assert_eq!(names.classify("B"), Name::Field(Some("B")));
        assert_eq!(names.classify("count"), Name::Field(Some("count")));
        assert_eq!(names.classify("kind"), Name::Unknown);
        assert_eq!(names.classify("KAMD"), Name::Decoy(0));
        assert_eq!(names.expected(), Some(4));
    }

    #[test]
    fn a_map_has_no_known_fields() {
        let names = Names::of::<HashMap<String, String>>(&DECOYS);
        assert_eq!(names.classify("anything"), Name::Field(None));
        assert_eq!(names.classify("KAMD"), Name::Decoy(0));
        assert_eq!(names.expected(), None);
    }

    #[test]
    fn the_last_value_wins_in_the_first_place() {
        let mut values = LastWins::new();
        values.set("a".into(), 1);
        values.set("b".into(), 2);
        assert!(!values.repeated());
        values.set("a".into(), 3);
        assert!(values.repeated());
        assert_eq!(
            values.into_entries(),
            vec![("a".into(), 3), ("b".into(), 2)]
        );
    }
}
