//! The records of an input read one at a time, without holding the input: a JSON array (its
//! elements), or NDJSON / a sequence of JSON documents (each one). An input that is one array is
//! read element by element through the deserializer's sequence access, never as a whole. Each
//! record is handed over as whatever it deserialises to: a [`serde_json::Value`], or its text
//! (`Box<RawValue>`) for a reader that leaves parsing to others.

use std::io::{BufRead, Read};

use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, SeqAccess, Visitor};
use vum_spec::validate::DocumentsError;

/// Why reading the records stopped early.
#[derive(Debug)]
pub enum Stop<E> {
    /// The input is not JSON (or could not be read).
    NotJson(DocumentsError),
    /// What a record was given to said to stop.
    By(E),
}

fn not_json(error: &serde_json::Error) -> DocumentsError {
    DocumentsError {
        line: error.line(),
        column: error.column(),
        reason: error.to_string(),
    }
}

/// Gives every record of `input` to `each` (with its position from 0) in order; the number of
/// records.
pub fn for_each<R: BufRead, T: DeserializeOwned, E>(
    mut input: R,
    mut each: impl FnMut(usize, T) -> Result<(), E>,
) -> Result<usize, Stop<E>> {
    let first = loop {
        let buffer = input
            .fill_buf()
            .map_err(|e| Stop::NotJson(io_problem(&e)))?;
        match buffer.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(at) => {
                let first = buffer[at];
                input.consume(at);
                break Some(first);
            }
            None if buffer.is_empty() => break None,
            None => {
                let all = buffer.len();
                input.consume(all);
            }
        }
    };
    match first {
        None => Err(Stop::NotJson(DocumentsError {
            line: 1,
            column: 1,
            reason: "no JSON document".to_owned(),
        })),
        Some(b'[') => array(input, each),
        Some(_) => {
            let mut count = 0;
            for value in serde_json::Deserializer::from_reader(input).into_iter::<T>() {
                let value = value.map_err(|e| Stop::NotJson(not_json(&e)))?;
                each(count, value).map_err(Stop::By)?;
                count += 1;
            }
            Ok(count)
        }
    }
}

fn io_problem(error: &std::io::Error) -> DocumentsError {
    DocumentsError {
        line: 0,
        column: 0,
        reason: format!("reading the input: {error}"),
    }
}

/// The elements of one top-level array, each handed over as soon as it is parsed.
fn array<R: Read, T: DeserializeOwned, E>(
    input: R,
    mut each: impl FnMut(usize, T) -> Result<(), E>,
) -> Result<usize, Stop<E>> {
    let mut count = 0;
    let mut stopped = None;
    let mut deserializer = serde_json::Deserializer::from_reader(input);
    let outcome = deserializer.deserialize_seq(Elements {
        each: &mut each,
        element: PhantomData,
        count: &mut count,
        stopped: &mut stopped,
    });
    if let Some(reason) = stopped {
        return Err(Stop::By(reason));
    }
    outcome.map_err(|e| Stop::NotJson(not_json(&e)))?;
    deserializer
        .end()
        .map_err(|e| Stop::NotJson(not_json(&e)))?;
    Ok(count)
}

struct Elements<'a, F, T, E> {
    each: &'a mut F,
    element: PhantomData<T>,
    count: &'a mut usize,
    stopped: &'a mut Option<E>,
}

impl<'de, F, T: DeserializeOwned, E> Visitor<'de> for Elements<'_, F, T, E>
where
    F: FnMut(usize, T) -> Result<(), E>,
{
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON array of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(value) = seq.next_element_seed(Element(PhantomData::<T>))? {
            if let Err(reason) = (self.each)(*self.count, value) {
                *self.stopped = Some(reason);
                return Err(de::Error::custom("stopped"));
            }
            *self.count += 1;
        }
        Ok(())
    }
}

/// One element, as a `T`.
struct Element<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for Element<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn ids(text: &str) -> Result<Vec<String>, String> {
        let mut seen = Vec::new();
        for_each(text.as_bytes(), |n, v: Value| {
            seen.push(format!("{n}:{}", v["id"]));
            Ok::<_, ()>(())
        })
        .map_err(|e| match e {
            Stop::NotJson(e) => format!("{}:{}", e.line, e.column),
            Stop::By(()) => "stopped".to_owned(),
        })?;
        Ok(seen)
    }

    #[test]
    fn an_array_ndjson_and_a_sequence_of_documents_are_read_record_by_record() {
        assert_eq!(ids(r#" [{"id": 1}, {"id": 2}] "#).unwrap(), ["0:1", "1:2"]);
        assert_eq!(ids("{\"id\": 1}\n\n{\"id\": 2}\n").unwrap(), ["0:1", "1:2"]);
        assert_eq!(
            ids("{\n  \"id\": 1\n}\n{\"id\": 2}").unwrap(),
            ["0:1", "1:2"]
        );
        assert_eq!(ids("[]").unwrap(), Vec::<String>::new());
        assert!(
            ids("{\"id\": 1}\n{\"id\": }\n")
                .unwrap_err()
                .starts_with("2:")
        );
        assert!(ids("[{\"id\": 1}, ]").is_err());
        assert!(
            ids("[{\"id\": 1}] x").is_err(),
            "nothing may follow the array"
        );
        assert!(ids("  \n").is_err());
    }

    #[test]
    fn a_record_can_stop_the_reading() {
        let mut n = 0;
        let outcome = for_each(
            r#"[{"id": 1}, {"id": 2}, {"id": 3}]"#.as_bytes(),
            |_, _: Value| {
                n += 1;
                if n == 2 { Err("genoeg") } else { Ok(()) }
            },
        );
        assert!(matches!(outcome, Err(Stop::By("genoeg"))));
        assert_eq!(n, 2);
    }
}
