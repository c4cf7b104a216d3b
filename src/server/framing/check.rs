//! Whether tower-lsp's reader can decode a message body, without building
//! what it would build.
//!
//! tower-lsp decodes a body as UTF-8 text, then as its message type: an
//! untagged enum of response and request, which serde reads by first
//! buffering the whole value (every string and number of it, checked as a
//! `serde_json::Value` would check them), then trying each variant on the
//! buffer. Building that buffer, or a `Request` with its `params` as a
//! `Value`, copies a `didOpen`'s whole text; a book is megabytes.
//!
//! [`verdict`] reads an object in one pass instead: every value is parsed
//! exactly as the buffer parses it (`Kinded` keeps only its kind), and the
//! four fields of a request are looked at as tower-lsp's `Request` reads
//! them. Whatever is not plainly a request (a response, an array, a field
//! given twice) is decided by tower-lsp's own types, as before; those
//! bodies are small.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// What [`verdict`] found.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Verdict {
    /// tower-lsp reads it.
    Message,
    /// Not UTF-8 text.
    NotText,
    /// Not JSON, or JSON a `serde_json::Value` refuses (a lone surrogate
    /// escape, a number out of range); the parser's words.
    NotJson(String),
    /// JSON, but neither a JSON-RPC 2.0 request nor a response.
    NotMessage,
}

/// Whether tower-lsp's codec can decode `body`.
pub(super) fn verdict(body: &[u8]) -> Verdict {
    let Ok(text) = std::str::from_utf8(body) else { return Verdict::NotText };
    // Every message is an object; anything else (an array, a number, not
    // JSON at all) is small or broken, and tower-lsp's types decide.
    let object = text.trim_start_matches([' ', '\t', '\n', '\r']).starts_with('{');
    let shape = if object { serde_json::from_str::<Shape>(text) } else { Ok(Shape::Other) };
    match shape {
        Err(error) => Verdict::NotJson(error.to_string()),
        Ok(Shape::Request) => Verdict::Message,
        Ok(Shape::Other) if decodes_as_tower_lsp_does(text) => Verdict::Message,
        Ok(Shape::Other) => match serde_json::from_str::<Kinded>(text) {
            Err(error) => Verdict::NotJson(error.to_string()),
            Ok(_) => Verdict::NotMessage,
        },
    }
}

/// tower-lsp's own decoding: its message type (private to it, so declared
/// again here as it declares it) is an untagged response-or-request, so a
/// body is a message when either reads it.
fn decodes_as_tower_lsp_does(text: &str) -> bool {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    #[allow(dead_code)]
    enum Message {
        Response(tower_lsp::jsonrpc::Response),
        Request(tower_lsp::jsonrpc::Request),
    }
    serde_json::from_str::<Message>(text).is_ok()
}

/// What one field of a request holds, as far as tower-lsp's `Request`
/// cares.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The string `2.0` (the `jsonrpc` field).
    Version,
    String,
    /// An integer that fits in an `i64` (an `id` may be one).
    Integer,
    Null,
    Other,
}

/// A JSON value, parsed and checked as a `serde_json::Value` would be
/// (strings decoded, numbers read), and dropped but for its [`Kind`].
struct Kinded(Kind);

impl<'de> Deserialize<'de> for Kinded {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Kinded, D::Error> {
        struct KindVisitor;
        impl<'de> Visitor<'de> for KindVisitor {
            type Value = Kinded;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, _: bool) -> Result<Kinded, E> {
                Ok(Kinded(Kind::Other))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Kinded, E> {
                Ok(Kinded(Kind::Integer))
            }
            fn visit_u64<E>(self, value: u64) -> Result<Kinded, E> {
                Ok(Kinded(if i64::try_from(value).is_ok() { Kind::Integer } else { Kind::Other }))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Kinded, E> {
                Ok(Kinded(Kind::Other))
            }
            fn visit_str<E>(self, value: &str) -> Result<Kinded, E> {
                Ok(Kinded(if value == "2.0" { Kind::Version } else { Kind::String }))
            }
            fn visit_unit<E>(self) -> Result<Kinded, E> {
                Ok(Kinded(Kind::Null))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Kinded, A::Error> {
                while seq.next_element::<Kinded>()?.is_some() {}
                Ok(Kinded(Kind::Other))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Kinded, A::Error> {
                while map.next_entry::<Kinded, Kinded>()?.is_some() {}
                Ok(Kinded(Kind::Other))
            }
        }
        deserializer.deserialize_any(KindVisitor)
    }
}

/// An object read in one pass: plainly a request, or something else for
/// tower-lsp's own types to decide.
enum Shape {
    Request,
    Other,
}

impl<'de> Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Shape, D::Error> {
        deserializer.deserialize_any(ShapeVisitor)
    }
}

struct ShapeVisitor;

impl<'de> Visitor<'de> for ShapeVisitor {
    type Value = Shape;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }
    /// tower-lsp's `Request` needs `jsonrpc` to be the string `2.0`; takes
    /// `method` when it is a string, `params` whatever it is, and `id` when
    /// it is an `i64`, a string or null; ignores other fields; and refuses
    /// any of the four given twice.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        let mut seen = [0_u32; 4];
        let mut request = true;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            let field = ["jsonrpc", "method", "params", "id"].iter().position(|name| *name == key);
            let Some(field) = field else {
                map.next_value::<Kinded>()?;
                continue;
            };
            seen[field] += 1;
            let Kinded(kind) = map.next_value::<Kinded>()?;
            request &= match field {
                0 => kind == Kind::Version,
                1 => matches!(kind, Kind::Version | Kind::String),
                2 => true,
                _ => matches!(kind, Kind::Version | Kind::String | Kind::Integer | Kind::Null),
            };
        }
        let once = seen[0] == 1 && seen[1..].iter().all(|&count| count <= 1);
        Ok(if request && once { Shape::Request } else { Shape::Other })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bodies, and whether tower-lsp reads them. Each verdict is also
    /// checked against tower-lsp's own types.
    #[test]
    fn verdicts_agree_with_tower_lsp() {
        let cases: &[(&str, bool)] = &[
            (r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#, true),
            (
                r#"{"jsonrpc":"2.0","method":"textDocument/hover","params":{"a":[1,2.5,null,true]},"id":7}"#,
                true,
            ),
            (r#"{"jsonrpc":"2.0","method":"x","id":"seven"}"#, true),
            (r#"{"jsonrpc":"2.0","method":"x","id":null}"#, true),
            (r#"{"jsonrpc":"2.0","method":"x","id":-9223372036854775808}"#, true),
            (r#"{"jsonrpc":"2.0","method":"x","id":9223372036854775807}"#, true),
            (r#"{"jsonrpc":"2.0","method":"x","id":9223372036854775808}"#, false),
            (r#"{"jsonrpc":"2.0","method":"x","id":1.5}"#, false),
            (r#"{"jsonrpc":"2.0","method":"x","id":1e2}"#, false),
            (r#"{"jsonrpc":"2.0","method":"x","id":true}"#, false),
            (r#"{"jsonrpc":"2.0","method":"x","id":{}}"#, false),
            (r#"{"jsonrpc":"2.0"}"#, true),
            (r#"{"jsonrpc":"2\u002e0","method":"x"}"#, true),
            (r#"{"jsonrpc":"2.0","method":"2.0"}"#, true),
            (r#"{"jsonrpc":"1.0","method":"x"}"#, false),
            (r#"{"jsonrpc":2.0,"method":"x"}"#, false),
            (r#"{"method":"x"}"#, false),
            (r#"{"jsonrpc":"2.0","method":7}"#, false),
            (r#"{"jsonrpc":"2.0","method":null}"#, false),
            (r#"{"jsonrpc":"2.0","method":"x","params":null}"#, true),
            (r#"{"jsonrpc":"2.0","method":"x","method":"y"}"#, false),
            (r#"{"jsonrpc":"2.0","jsonrpc":"2.0","method":"x"}"#, false),
            (r#"{"jsonrpc":"2.0","method":"x","params":"\n\"\u00e9\ud83d\ude00"}"#, true),
            // What the buffer refuses anywhere, even in a field no one reads.
            (r#"{"jsonrpc":"2.0","method":"x","params":"\ud800"}"#, false),
            (r#"{"jsonrpc":"2.0","method":"x","extra":"\udc00 alone"}"#, false),
            (r#"{"jsonrpc":"2.0","method":"x","extra":1e400}"#, false),
            (r#"{"jsonrpc":"2.0","method":"x","extra":[1,{"k":-1e999}]}"#, false),
            (r#"{"jsonrpc":"2.0","method":"x","extra":1e300}"#, true),
            // Responses, decided by tower-lsp's types.
            (r#"{"jsonrpc":"2.0","result":null,"id":1}"#, true),
            (r#"{"jsonrpc":"2.0","result":{"a":1},"id":"r"}"#, true),
            (r#"{"jsonrpc":"2.0","error":{"code":-32601,"message":"no"},"id":1}"#, true),
            // Not a response (an error object takes no other field), so a
            // request with no method, as tower-lsp reads it.
            (r#"{"jsonrpc":"2.0","error":{"code":-32601,"message":"no","extra":1},"id":1}"#, true),
            (r#"{"jsonrpc":"2.0","error":{"code":"x","message":"no"}}"#, true),
            (r#"{"error":{"code":-32601,"message":"no"},"id":1}"#, false),
            (r#"{"jsonrpc":"2.0","result":1}"#, true),
            // Not objects.
            (r#"["2.0"]"#, true),
            (r#"["2.0","x",null,5]"#, true),
            (r#"[1,2,3]"#, false),
            ("42", false),
            (r#""2.0""#, false),
            ("null", false),
            // Not JSON.
            ("", false),
            ("{not json", false),
            (r#"{"jsonrpc":"2.0","method":"x"} trailing"#, false),
            (r#"{"jsonrpc":"2.0","method":"x"}  "#, true),
        ];
        for (body, expected) in cases {
            let got = verdict(body.as_bytes());
            assert_eq!(got == Verdict::Message, *expected, "{body}: {got:?}");
            assert_eq!(decodes_as_tower_lsp_does(body), *expected, "tower-lsp on {body}");
        }
        let not_text = b"{\"jsonrpc\": \"2.0\", \"method\": \"\xff\xfe\"}";
        assert_eq!(verdict(not_text), Verdict::NotText);
    }

    proptest::proptest! {
        /// Objects of the fields a message has, each holding a value
        /// tower-lsp may or may not take, some given twice: the verdict is
        /// tower-lsp's.
        #[test]
        fn any_object_of_message_fields_gets_tower_lsps_verdict(
            fields in proptest::collection::vec((0..8_usize, 0..16_usize), 0..7)
        ) {
            const KEYS: [&str; 8] = ["jsonrpc", "method", "params", "id", "result", "error", "extra", "jsonrpc"];
            const VALUES: [&str; 16] = [
                r#""2.0""#, r#""x""#, r#""\ud800""#, "1", "-3", "1.5", "1e400", "9223372036854775808",
                "null", "true", "[]", r#"{"a":"\udc00"}"#, r#"{"code":1,"message":"m"}"#,
                r#"{"code":1,"message":"m","data":[1e999]}"#, r#""\u00e9 \n""#, r#"{"frame":3}"#,
            ];
            let body = format!(
                "{{{}}}",
                fields
                    .iter()
                    .map(|&(key, value)| format!("\"{}\":{}", KEYS[key], VALUES[value]))
                    .collect::<Vec<_>>()
                    .join(",")
            );
            proptest::prop_assert_eq!(
                verdict(body.as_bytes()) == Verdict::Message,
                decodes_as_tower_lsp_does(&body),
                "{}", body
            );
        }

        /// Any short text of JSON's characters, mostly not JSON at all.
        #[test]
        fn any_text_gets_tower_lsps_verdict(body in r#"[\[\]{}",:0-9a-z.\\ e+-]{0,40}"#) {
            proptest::prop_assert_eq!(
                verdict(body.as_bytes()) == Verdict::Message,
                decodes_as_tower_lsp_does(&body),
                "{}", body
            );
        }
    }
}
