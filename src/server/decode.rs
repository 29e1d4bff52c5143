//! Request bodies to typed requests, per encoding, with decoys checked on the way.
//!
//! Error messages name the field (its wire path) and what was expected, never the value that
//! was sent: a request's values are personal data, and a decoding error ends up in the
//! envelope and in logs. serde's own messages quote the value (`invalid type: string "…"`),
//! so they are rebuilt here from the error's path and its expectation.

use std::borrow::Cow;
use std::fmt;

use axum::body::Body;
use futures_util::StreamExt;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};

use super::failure::Failure;
use super::names::{LastWins, Name, Names};
use crate::__private::meta::Decoy;
use crate::body::{BodyBuffer, TooLarge};
use crate::echo::echo;
use crate::multipart::{HeadersTooLarge, PartValue, PartsDeserializer, Scanner};

/// The decoys to verify, or `None` when the policy ignores them.
pub(crate) type Verify = Option<&'static [Decoy]>;

/// Decodes a JSON body.
pub(crate) fn json<Req: DeserializeOwned>(body: &[u8], verify: Verify) -> Result<Req, Failure> {
    // The common request, a JSON object with the right decoys that decodes as `Req`, straight
    // from the bytes at the cost of plain serde. Any other body is read again below, the careful
    // way (a tree first, then the decoys, then the typed request with its path), which accepts
    // exactly what this one accepts and words every refusal (measured in
    // benches/server_throughput.rs: the careful way alone cost 1.5x a hand-written axum handler
    // on save-job-info).
    if let Some(request) = json_fast(body, verify) {
        return Ok(request);
    }
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|err| {
        Failure::BadRequest(if err.is_eof() || err.is_syntax() {
            // Syntax errors carry a position, not a value.
            format!("malformed JSON: {err}")
        } else {
            "malformed JSON".to_owned()
        })
    })?;
    let serde_json::Value::Object(fields) = &value else {
        return Err(Failure::BadRequest("the body must be a JSON object".into()));
    };
    if let Some(decoys) = verify {
        let values: Vec<Option<String>> = decoys
            .iter()
            .map(|decoy| json_scalar(fields.get(decoy.wire)?))
            .collect();
        check_decoys(decoys, |index| values.get(index)?.as_deref())?;
    }
    serde_path_to_error::deserialize(value).map_err(field_error)
}

/// A decoy's value as JSON holds it: a string, or a number's text.
fn json_scalar(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(text) => Some(text.clone()),
        serde_json::Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// The request of a JSON object body whose decoys are right, or `None`. What it accepts, the
/// careful path accepts with the same value: the body is an object (serde would also read a
/// struct from an array, which the careful path refuses), the decoys are read as the careful
/// path reads them (a string, or a number's text; the last of repeated keys), and the fields
/// are decoded by the same serde code from the same text (a repeated field, which the tree
/// would take the last of, is an error here and so goes the careful way).
fn json_fast<Req: DeserializeOwned>(body: &[u8], verify: Verify) -> Option<Req> {
    let first = body
        .iter()
        .find(|byte| !matches!(byte, b' ' | b'\t' | b'\n' | b'\r'))?;
    if *first != b'{' {
        return None;
    }
    if let Some(decoys) = verify
        && !decoys.is_empty()
    {
        let mut deserializer = serde_json::Deserializer::from_slice(body);
        let values = DecoySeed { decoys }.deserialize(&mut deserializer).ok()?;
        deserializer.end().ok()?;
        let all_right = decoys.iter().zip(&values).all(|(decoy, value)| {
            value
                .as_deref()
                .is_some_and(|value| decoy.value.admits(value))
        });
        if !all_right {
            return None;
        }
    }
    serde_json::from_slice(body).ok()
}

/// Reads the values of `decoys` from a JSON object, skipping every other field without
/// building anything: per decoy, the text of its last occurrence when that is a string or a
/// number (as `check_decoys` sees a tree's values).
struct DecoySeed {
    decoys: &'static [Decoy],
}

impl<'de> DeserializeSeed<'de> for DecoySeed {
    type Value = Vec<Option<String>>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DecoySeed {
    type Value = Vec<Option<String>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut values = vec![None; self.decoys.len()];
        while let Some(key) = map.next_key_seed(DecoyKey {
            decoys: self.decoys,
        })? {
            match key {
                Some(index) => {
                    values[index] = match map.next_value::<serde_json::Value>()? {
                        serde_json::Value::String(text) => Some(text),
                        serde_json::Value::Number(number) => Some(number.to_string()),
                        _ => None,
                    };
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(values)
    }
}

/// A key: the index of the decoy it names, if any. Read without allocating.
struct DecoyKey {
    decoys: &'static [Decoy],
}

impl<'de> DeserializeSeed<'de> for DecoyKey {
    type Value = Option<usize>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for DecoyKey {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.decoys.iter().position(|decoy| decoy.wire == key))
    }
}

/// Decodes an `application/x-www-form-urlencoded` body. A repeated name counts once, with its
/// last value (as in JSON); names that are neither fields nor decoys are skipped.
pub(crate) fn form<Req: DeserializeOwned>(
    body: &[u8],
    names: &Names,
    verify: Verify,
) -> Result<Req, Failure> {
    // form_urlencoded replaces bytes that are not UTF-8 with U+FFFD; JSON and multipart bodies
    // refuse them, and so must a form, rather than alter what was sent.
    let is_utf8 = body.split(|&b| b == b'&').all(|pair| {
        pair.split(|&b| b == b'=')
            .all(|part| percent_encoding::percent_decode(part).decode_utf8().is_ok())
    });
    if !is_utf8 {
        return Err(Failure::BadRequest(
            "the form body is not UTF-8 text".into(),
        ));
    }
    let mut fields = LastWins::new();
    let mut decoys = vec![None; verify.map_or(0, <[Decoy]>::len)];
    for (key, value) in form_urlencoded::parse(body) {
        match names.classify(&key) {
            Name::Field(Some(field)) => fields.set(Cow::Borrowed(field), value),
            Name::Field(None) => fields.set(key, value),
            Name::Decoy(index) => {
                if let Some(slot) = decoys.get_mut(index) {
                    *slot = Some(value);
                }
            }
            Name::Unknown => {}
        }
    }
    if let Some(list) = verify {
        check_decoys(list, |index| decoys.get(index)?.as_deref())?;
    }
    // serde refuses a repeated field: a body with one is read again with each field once.
    let rebuilt;
    let source = if fields.repeated() {
        let mut text = String::new();
        form_urlencoded::Serializer::new(&mut text).extend_pairs(fields.entries());
        rebuilt = text;
        rebuilt.as_bytes()
    } else {
        body
    };
    let deserializer = serde_urlencoded::Deserializer::new(form_urlencoded::parse(source));
    serde_path_to_error::deserialize(deserializer).map_err(field_error)
}

/// The bounds of one multipart body.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PartLimits {
    /// The most parts.
    pub(crate) max_parts: usize,
    /// The most bytes of one part's headers.
    pub(crate) max_header_bytes: usize,
    /// The most bytes of the whole body.
    pub(crate) max_bytes: usize,
}

/// Decodes a `multipart/form-data` body as it streams in: text parts and file parts by name.
/// A repeated name counts once, with its last value; parts that are neither fields nor decoys
/// are read past without being kept. The body is refused as soon as it passes a limit.
pub(crate) async fn multipart<Req: DeserializeOwned>(
    body: Body,
    boundary: String,
    names: &Names,
    verify: Verify,
    limits: PartLimits,
) -> Result<Req, Failure> {
    let mut scanner = Scanner::new(&boundary, limits.max_header_bytes);
    let stream = body.into_data_stream().map(move |piece| {
        let piece = piece.map_err(BoxError::from)?;
        scanner.feed(&piece)?;
        Ok::<_, BoxError>(piece)
    });
    let whole = multer::SizeLimit::new().whole_stream(limits.max_bytes as u64);
    let constraints = multer::Constraints::new().size_limit(whole);
    let mut reader = multer::Multipart::with_constraints(stream, boundary, constraints);
    let mut fields = LastWins::new();
    let mut decoys = vec![None; verify.map_or(0, <[Decoy]>::len)];
    let mut count = 0;
    let refused = |err| multipart_failure(err, limits.max_bytes);
    while let Some(mut field) = reader.next_field().await.map_err(refused)? {
        count += 1;
        if count > limits.max_parts {
            return Err(Failure::BadRequest(format!(
                "the multipart body has more than {} parts",
                limits.max_parts
            )));
        }
        let (name, own_name) = match field.name() {
            Some(name) => {
                let class = names.classify(name);
                (
                    class,
                    matches!(class, Name::Field(None)).then(|| name.to_owned()),
                )
            }
            None => return Err(Failure::BadRequest("a multipart part has no name".into())),
        };
        let file_name = field.file_name().map(str::to_owned);
        match name {
            Name::Field(spelled) => {
                let key: Cow<'static, str> = match (spelled, own_name) {
                    (Some(field), _) => Cow::Borrowed(field),
                    (None, own) => Cow::Owned(own.unwrap_or_default()),
                };
                let content_type = field.content_type().map(ToString::to_string);
                let bytes = read_part(&mut field, limits.max_bytes).await?;
                let value = match file_name {
                    Some(file_name) => PartValue::File(crate::FilePart {
                        file_name: Some(file_name),
                        content_type,
                        bytes,
                    }),
                    None => PartValue::Text(String::from_utf8(bytes).map_err(|_| {
                        Failure::BadRequest(format!("part `{}` is not UTF-8 text", echo(&key)))
                    })?),
                };
                fields.set(key, value);
            }
            Name::Decoy(index) if verify.is_some() => {
                let bytes = read_part(&mut field, limits.max_bytes).await?;
                // A decoy is text; a file or bytes that are not UTF-8 are a wrong decoy.
                let text = String::from_utf8(bytes)
                    .ok()
                    .filter(|_| file_name.is_none());
                if let Some(slot) = decoys.get_mut(index) {
                    *slot = text;
                }
            }
            Name::Decoy(_) | Name::Unknown => skip_part(&mut field, limits.max_bytes).await?,
        }
    }
    if let Some(list) = verify {
        check_decoys(list, |index| decoys.get(index)?.as_deref())?;
    }
    let parts = fields
        .into_entries()
        .into_iter()
        .map(|(name, value)| (name.into_owned(), value))
        .collect();
    serde_path_to_error::deserialize(PartsDeserializer::new(parts)).map_err(field_error)
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The bytes of one part, in one buffer.
async fn read_part(field: &mut multer::Field<'_>, limit: usize) -> Result<Vec<u8>, Failure> {
    let mut buffer = BodyBuffer::new(limit, None);
    while let Some(chunk) = field
        .chunk()
        .await
        .map_err(|err| multipart_failure(err, limit))?
    {
        buffer
            .push(&chunk)
            .map_err(|TooLarge| Failure::TooLarge(limit))?;
    }
    Ok(buffer.into_vec())
}

/// Reads past one part, keeping nothing.
async fn skip_part(field: &mut multer::Field<'_>, limit: usize) -> Result<(), Failure> {
    while field
        .chunk()
        .await
        .map_err(|err| multipart_failure(err, limit))?
        .is_some()
    {}
    Ok(())
}

/// What a multer error is answered with: a body over the limit, headers over theirs, a body
/// that could not be read, or a malformed one (multer's reason, which may quote a part's name,
/// capped).
fn multipart_failure(err: multer::Error, limit: usize) -> Failure {
    match err {
        multer::Error::StreamSizeExceeded { .. } => Failure::TooLarge(limit),
        multer::Error::StreamReadFailed(cause) => match cause.downcast_ref::<HeadersTooLarge>() {
            Some(too_large) => {
                Failure::BadRequest(format!("malformed multipart body: {too_large}"))
            }
            None => Failure::BadRequest("the body could not be read".into()),
        },
        other => Failure::BadRequest(format!(
            "malformed multipart body: {}",
            echo(&other.to_string())
        )),
    }
}

/// Every decoy must be present with the value a client following the spec sends; `value`
/// gives the value of the decoy at an index.
fn check_decoys<'v>(
    decoys: &[Decoy],
    mut value: impl FnMut(usize) -> Option<&'v str>,
) -> Result<(), Failure> {
    let all_right = decoys
        .iter()
        .enumerate()
        .all(|(index, decoy)| value(index).is_some_and(|value| decoy.value.admits(value)));
    if all_right {
        Ok(())
    } else {
        Err(Failure::Decoys)
    }
}

/// A decoding error as a bad request, naming the field, never the value.
fn field_error<E: std::fmt::Display>(err: serde_path_to_error::Error<E>) -> Failure {
    Failure::BadRequest(crate::decode_error::describe(
        &err,
        "the body does not match the request",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::__private::meta::DecoyValue;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Request {
        mobile: String,
        #[serde(default)]
        count: Option<i64>,
    }

    static DECOYS: [Decoy; 2] = [
        Decoy {
            wire: "KAMD",
            value: DecoyValue::Fixed("ksjd"),
        },
        Decoy {
            wire: "AJKDS",
            value: DecoyValue::Fixed("3"),
        },
    ];

    /// The fast path answers only where the careful path (the tree) answers the same.
    fn check(body: &str) -> Option<Request> {
        let fast = json_fast::<Request>(body.as_bytes(), Some(&DECOYS));
        if let Some(fast) = &fast {
            let Ok(careful) = careful(body) else {
                panic!("the careful path refuses what the fast path accepted: {body}");
            };
            assert_eq!(fast, &careful, "{body}");
        }
        fast
    }

    /// The careful path alone: `json` past its fast path.
    fn careful(body: &str) -> Result<Request, ()> {
        let value: serde_json::Value = serde_json::from_str(body).map_err(drop)?;
        let serde_json::Value::Object(fields) = &value else {
            return Err(());
        };
        let values: Vec<Option<String>> = DECOYS
            .iter()
            .map(|decoy| json_scalar(fields.get(decoy.wire)?))
            .collect();
        check_decoys(&DECOYS, |index| values.get(index)?.as_deref()).map_err(drop)?;
        serde_json::from_value(value).map_err(drop)
    }

    #[test]
    fn the_fast_path_takes_good_requests() {
        let request = check(r#" {"mobile":"55","KAMD":"ksjd","AJKDS":3,"other":[{}]}"#).unwrap();
        assert_eq!(request.mobile, "55");
        // The last of repeated decoys counts, as in the tree.
        assert!(check(r#"{"mobile":"55","KAMD":"no","KAMD":"ksjd","AJKDS":"3"}"#).is_some());
        assert!(check(r#"{"mobile":"55","KAMD":"ksjd","AJKDS":"3","KAMD":"no"}"#).is_none());
    }

    #[test]
    fn the_fast_path_leaves_the_rest_to_the_careful_one() {
        for body in [
            r#"["55", 1]"#,                                   // a struct read from an array
            r#"{"mobile":"55","KAMD":"ksjd"}"#,               // a decoy missing
            r#"{"mobile":"55","KAMD":"ksjd","AJKDS":"4"}"#,   // a wrong decoy
            r#"{"mobile":"55","KAMD":["ksjd"],"AJKDS":"3"}"#, // a decoy not a scalar
            r#"{"KAMD":"ksjd","AJKDS":"3"}"#,                 // a field missing
            r#"{"mobile":"5","mobile":"55","KAMD":"ksjd","AJKDS":3}"#, // a repeated field
            r#"{"mobile":"55","KAMD":"ksjd","AJKDS":3} x"#,   // trailing text
            "",
        ] {
            assert!(check(body).is_none(), "{body}");
        }
        // The careful path takes the repeated field's last value, as it did.
        assert_eq!(
            json::<Request>(
                br#"{"mobile":"5","mobile":"55","KAMD":"ksjd","AJKDS":3}"#,
                Some(&DECOYS)
            )
            .unwrap()
            .mobile,
            "55"
        );
    }

    fn names() -> Names {
        Names::of::<Request>(&DECOYS)
    }

    #[test]
    fn a_repeated_form_name_counts_once_with_its_last_value() {
        let form_of = |body: &str| form::<Request>(body.as_bytes(), &names(), Some(&DECOYS));
        let request =
            form_of("mobile=1&count=2&KAMD=no&AJKDS=3&mobile=55&KAMD=ksjd&count=7").unwrap();
        assert_eq!(
            request,
            Request {
                mobile: "55".into(),
                count: Some(7),
            }
        );
        // The last decoy counts, right or wrong.
        assert!(matches!(
            form_of("mobile=1&KAMD=ksjd&AJKDS=3&KAMD=no"),
            Err(Failure::Decoys)
        ));
        // Names that are neither fields nor decoys are skipped, repeated or not.
        assert_eq!(
            form_of("x=1&mobile=1&x=2&KAMD=ksjd&AJKDS=3")
                .unwrap()
                .mobile,
            "1"
        );
    }

    /// A multipart body of `count` tiny text parts named `p000000`, `p000001`, ... (names the
    /// request does not know, as in the attack), then `mobile`.
    fn tiny_parts(count: usize) -> Vec<u8> {
        let mut body = Vec::new();
        for index in 0..count {
            body.extend_from_slice(
                format!("--B\r\ncontent-disposition: form-data; name=p{index:06}\r\n\r\n\r\n")
                    .as_bytes(),
            );
        }
        body.extend_from_slice(
            b"--B\r\ncontent-disposition: form-data; name=mobile\r\n\r\n55\r\n--B--\r\n",
        );
        body
    }

    /// `body` as a server reads it off a connection: in frames of a few kilobytes, with a
    /// pause after each (so that the decoder is never handed more than has arrived).
    fn framed(body: Vec<u8>) -> Body {
        let frames: Vec<Vec<u8>> = body.chunks(8 * 1024).map(<[u8]>::to_vec).collect();
        let stream = futures_util::stream::unfold(frames.into_iter(), |mut frames| async move {
            let frame = frames.next()?;
            tokio::task::yield_now().await;
            Some((Ok::<_, std::io::Error>(frame), frames))
        });
        Body::from_stream(stream)
    }

    /// The CPU time of this thread: what a decoding cost, whatever else the machine runs.
    #[cfg(unix)]
    fn cpu_time() -> std::time::Duration {
        let mut now = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `now` is a valid timespec for the call to write.
        let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &raw mut now) };
        assert_eq!(status, 0, "clock_gettime");
        std::time::Duration::new(
            u64::try_from(now.tv_sec).unwrap(),
            u32::try_from(now.tv_nsec).unwrap(),
        )
    }

    /// Elsewhere, the wall time since the first call.
    #[cfg(not(unix))]
    fn cpu_time() -> std::time::Duration {
        static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
        START.get_or_init(std::time::Instant::now).elapsed()
    }

    /// The CPU time of decoding `body` as a `Request`, with no part cap.
    fn decode_time(runtime: &tokio::runtime::Runtime, body: &[u8]) -> std::time::Duration {
        let limits = PartLimits {
            max_parts: usize::MAX,
            max_header_bytes: 1024,
            max_bytes: usize::MAX,
        };
        let names = names();
        let body = framed(body.to_vec());
        let started = cpu_time();
        let request: Request = runtime
            .block_on(multipart(body, "B".into(), &names, None, limits))
            .unwrap();
        let elapsed = cpu_time() - started;
        assert_eq!(request.mobile, "55");
        elapsed
    }

    /// 8x the parts take about 8x the time: each part's name is looked up once, never compared
    /// with every earlier one (which took 64x). Both sizes are timed in turns, in CPU time,
    /// and the best of each counts, so that a busy machine does not decide the ratio.
    #[test]
    fn tiny_parts_cost_in_proportion_to_their_number() {
        let (few, many) = (tiny_parts(2_000), tiny_parts(16_000));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        decode_time(&runtime, &few); // warms the allocator and the caches
        let (mut best_few, mut best_many) = (std::time::Duration::MAX, std::time::Duration::MAX);
        for _ in 0..4 {
            best_many = best_many.min(decode_time(&runtime, &many));
            for _ in 0..2 {
                best_few = best_few.min(decode_time(&runtime, &few));
            }
        }
        let ratio = best_many.as_secs_f64() / best_few.as_secs_f64();
        eprintln!("16,000 tiny parts took {ratio:.1}x the time of 2,000");
        assert!(
            ratio <= 10.0,
            "16,000 parts took {ratio:.1}x the time of 2,000"
        );
    }

    #[test]
    fn a_body_is_refused_at_the_part_cap() {
        let limits = PartLimits {
            max_parts: 12,
            max_header_bytes: 1024,
            max_bytes: usize::MAX,
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        for count in [13, 40_000] {
            let body = Body::from(tiny_parts(count));
            let refused = runtime
                .block_on(multipart::<Request>(
                    body,
                    "B".into(),
                    &names(),
                    None,
                    limits,
                ))
                .unwrap_err();
            let Failure::BadRequest(message) = refused else {
                panic!("{refused:?}");
            };
            assert_eq!(message, "the multipart body has more than 12 parts");
        }
    }
}
