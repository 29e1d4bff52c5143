//! A watch on a multipart body as it streams past, for what multer does not bound: the size of
//! a part's headers.
//!
//! multer looks for the end of a part's headers (`\r\n\r\n`) in everything it has buffered, so
//! headers that never end are buffered up to the whole upload limit, and searched again each
//! time more arrives. The scanner follows the body's framing (a delimiter `\r\n--boundary`,
//! then headers up to `\r\n\r\n`, then data up to the next delimiter) and refuses the body as
//! soon as one part's headers pass their limit, before multer sees the bytes that pass it.
//! Each byte is looked at a bounded number of times, whatever the chunking.

use memchr::memmem::Finder;

/// A part whose headers are longer than the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HeadersTooLarge {
    /// The limit, in bytes.
    pub(crate) limit: usize,
}

impl std::fmt::Display for HeadersTooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a part's headers are larger than {} bytes", self.limit)
    }
}

impl std::error::Error for HeadersTooLarge {}

/// The most bytes of a piece the window takes at once.
const WINDOW_SLICE: usize = 4096;

/// Where in the framing the scanner is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// In the preamble or a part's data: looking for a delimiter.
    Data,
    /// Just past a delimiter: `--` closes the body, anything else starts headers.
    AfterDelimiter,
    /// In a part's headers, which started at this offset: looking for `\r\n\r\n`.
    Headers { start: u64 },
    /// Past the closing delimiter: nothing more is looked at.
    Epilogue,
}

/// Follows one multipart body's framing; see the module's doc.
pub(crate) struct Scanner {
    delimiter: Finder<'static>,
    header_end: Finder<'static>,
    max_header_bytes: usize,
    state: State,
    /// The bytes not yet settled: the end of the previous piece that may start a pattern,
    /// then the current piece. Reused, so that pieces cost no allocation of their own.
    window: Vec<u8>,
    /// The offset of `window[0]` in the body (counting two virtual bytes, below).
    offset: u64,
}

impl Scanner {
    /// A scanner for a body delimited by `boundary`, whose parts' headers may hold at most
    /// `max_header_bytes` bytes (the delimiter line's end included).
    pub(crate) fn new(boundary: &str, max_header_bytes: usize) -> Self {
        let delimiter = format!("\r\n--{boundary}").into_bytes();
        Scanner {
            delimiter: Finder::new(&delimiter).into_owned(),
            header_end: Finder::new(b"\r\n\r\n").into_owned(),
            max_header_bytes,
            state: State::Data,
            // The first delimiter may open the body without a line break before it: the body
            // is read as if one came first.
            window: b"\r\n".to_vec(),
            offset: 0,
        }
    }

    /// Looks at the next piece of the body.
    pub(crate) fn feed(&mut self, piece: &[u8]) -> Result<(), HeadersTooLarge> {
        // A slice at a time, so that the window stays small whatever the pieces' size.
        piece
            .chunks(WINDOW_SLICE)
            .try_for_each(|slice| self.feed_slice(slice))
    }

    fn feed_slice(&mut self, piece: &[u8]) -> Result<(), HeadersTooLarge> {
        if self.state == State::Epilogue {
            return Ok(());
        }
        self.window.extend_from_slice(piece);
        let mut at = 0;
        loop {
            let rest = &self.window[at..];
            match self.state {
                State::Data => match self.delimiter.find(rest) {
                    Some(found) => {
                        at += found + self.delimiter.needle().len();
                        self.state = State::AfterDelimiter;
                    }
                    None => break,
                },
                State::AfterDelimiter => {
                    if rest.len() < 2 {
                        break;
                    }
                    self.state = if rest.starts_with(b"--") {
                        State::Epilogue
                    } else {
                        State::Headers {
                            start: self.offset + at as u64,
                        }
                    };
                }
                State::Headers { start } => {
                    let end = match self.header_end.find(rest) {
                        Some(found) => at + found + 4,
                        None => self.window.len(),
                    };
                    let length = self.offset + end as u64 - start;
                    if length > self.max_header_bytes as u64 {
                        return Err(HeadersTooLarge {
                            limit: self.max_header_bytes,
                        });
                    }
                    if end == self.window.len() {
                        break;
                    }
                    at = end;
                    self.state = State::Data;
                }
                State::Epilogue => {
                    self.window.clear();
                    return Ok(());
                }
            }
        }
        self.keep_unsettled(at);
        Ok(())
    }

    /// Drops the settled bytes of the window: all but what may be the start of the pattern
    /// the state looks for (which starts with `\r`, and is shorter than the delimiter).
    fn keep_unsettled(&mut self, at: usize) {
        let keep_from = match self.state {
            State::AfterDelimiter => at,
            State::Data | State::Headers { .. } => {
                let longest = self.delimiter.needle().len() - 1;
                let from = self.window.len().saturating_sub(longest).max(at);
                memchr::memchr(b'\r', &self.window[from..])
                    .map_or(self.window.len(), |cr| from + cr)
            }
            State::Epilogue => self.window.len(),
        };
        self.window.drain(..keep_from);
        self.offset += keep_from as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &[u8] =
        b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n--XyZ\r\n\
Content-Disposition: form-data; name=\"b\"\r\n\r\n\r\n--XyZ--\r\nepilogue";

    /// Feeds `body` in pieces of `size` bytes.
    fn scan(body: &[u8], size: usize, max_header_bytes: usize) -> Result<(), HeadersTooLarge> {
        let mut scanner = Scanner::new("XyZ", max_header_bytes);
        body.chunks(size).try_for_each(|piece| scanner.feed(piece))
    }

    #[test]
    fn headers_within_the_limit_pass_whatever_the_chunking() {
        // The longest headers, the delimiter line's end and the blank line included.
        let longest = "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n".len();
        for size in [1, 2, 3, 7, 64, BODY.len()] {
            assert_eq!(scan(BODY, size, longest), Ok(()), "pieces of {size}");
            assert_eq!(
                scan(BODY, size, longest - 1),
                Err(HeadersTooLarge { limit: longest - 1 }),
                "pieces of {size}"
            );
        }
    }

    #[test]
    fn endless_headers_are_refused_once_past_the_limit() {
        let mut scanner = Scanner::new("XyZ", 100);
        scanner.feed(b"--XyZ\r\nX-Long: ").unwrap();
        let mut fed = 0;
        let refused = loop {
            fed += 1;
            if let Err(err) = scanner.feed(b"a") {
                break err;
            }
            assert!(fed < 200);
        };
        assert_eq!(refused.limit, 100);
        assert!(fed <= 100, "{fed} bytes fed");
        // The window never holds more than a pattern's length.
        assert!(scanner.window.len() < 16);
    }

    #[test]
    fn data_and_the_epilogue_are_not_headers() {
        let mut body = b"--XyZ\r\nA: b\r\n\r\n".to_vec();
        body.extend(std::iter::repeat_n(b'\r', 10_000));
        body.extend_from_slice(b"\r\n--XyZ--");
        body.extend(std::iter::repeat_n(b'x', 10_000));
        for size in [1, 5, 4096] {
            assert_eq!(scan(&body, size, 32), Ok(()), "pieces of {size}");
        }
    }
}
