//! One buffer for a body read piece by piece, on either side of the wire.
//!
//! A body arrives as frames of any size, down to one byte each. Keeping the frames (as
//! `http_body_util::Collected` does) holds one allocation, or one share of the transport's read
//! buffer, per frame: an upload in 1-byte chunks then costs dozens of times its size. Here each
//! frame is copied into a single `Vec` and dropped at once. The `Vec` starts at the declared
//! length when there is one and otherwise grows geometrically, never past the limit, so that
//! its old and new allocations together stay within about twice the limit.

/// A body over its limit: nothing more was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooLarge;

/// The bytes of one body, at most `limit` of them.
#[derive(Debug)]
pub(crate) struct BodyBuffer {
    bytes: Vec<u8>,
    limit: usize,
}

/// The first allocation of a body of unknown length.
const FIRST_CAPACITY: usize = 8 * 1024;

impl BodyBuffer {
    /// An empty buffer for a body of at most `limit` bytes, sized for `declared` bytes (a
    /// `Content-Length`) when given. A declared length over the limit is the caller's to refuse;
    /// here it only sizes the buffer, up to the limit.
    pub(crate) fn new(limit: usize, declared: Option<u64>) -> Self {
        let declared = declared.map(|length| usize::try_from(length).unwrap_or(usize::MAX));
        let capacity = declared.unwrap_or(0).min(limit);
        BodyBuffer {
            bytes: Vec::with_capacity(capacity),
            limit,
        }
    }

    /// Appends `piece`, or refuses it when the body would pass the limit.
    pub(crate) fn push(&mut self, piece: &[u8]) -> Result<(), TooLarge> {
        let needed = self.bytes.len().checked_add(piece.len()).ok_or(TooLarge)?;
        if needed > self.limit {
            return Err(TooLarge);
        }
        if needed > self.bytes.capacity() {
            // Doubling, as `Vec` would, but capped at the limit: `reserve` could otherwise
            // reach twice the limit, and three times with the old allocation.
            let target = needed
                .max(self.bytes.capacity().saturating_mul(2))
                .max(FIRST_CAPACITY)
                .min(self.limit);
            self.bytes.reserve_exact(target - self.bytes.len());
        }
        self.bytes.extend_from_slice(piece);
        Ok(())
    }

    /// The body.
    pub(crate) fn into_vec(self) -> Vec<u8> {
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_byte_pieces_grow_geometrically_up_to_the_limit() {
        let limit = 100_000;
        let mut buffer = BodyBuffer::new(limit, None);
        let mut growths = 0;
        let mut capacity = buffer.bytes.capacity();
        for _ in 0..limit {
            buffer.push(b"x").unwrap();
            if buffer.bytes.capacity() != capacity {
                growths += 1;
                capacity = buffer.bytes.capacity();
            }
        }
        assert!(growths <= 6, "{growths} growths");
        assert_eq!(buffer.bytes.capacity(), limit);
        assert_eq!(buffer.push(b"x"), Err(TooLarge));
        assert_eq!(buffer.bytes.len(), limit);
    }

    #[test]
    fn a_declared_length_sizes_the_buffer_once() {
        let mut buffer = BodyBuffer::new(1000, Some(300));
        assert_eq!(buffer.bytes.capacity(), 300);
        for _ in 0..300 {
            buffer.push(b"y").unwrap();
        }
        assert_eq!(buffer.bytes.capacity(), 300);
        // A length declared over the limit sizes the buffer at the limit, no more.
        assert_eq!(BodyBuffer::new(1000, Some(u64::MAX)).bytes.capacity(), 1000);
    }

    #[test]
    fn a_piece_over_the_limit_is_refused_whole() {
        let mut buffer = BodyBuffer::new(10, None);
        buffer.push(b"12345").unwrap();
        assert_eq!(buffer.push(b"123456"), Err(TooLarge));
        assert_eq!(buffer.into_vec(), b"12345");
    }
}
