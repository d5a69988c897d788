//! Conversions between the API's `u64` ids and SQLite's signed 64-bit INTEGER.
//! Owns only the conversion rules: an id above `i64::MAX` is an error, never a wrap,
//! and a negative value read back is reported as invalid, never reinterpreted.

use super::error::{StoreError, StoreResult};

/// Converts an id for storage; ids above `i64::MAX` are refused.
pub fn to_sql(id: u64) -> StoreResult<i64> {
    i64::try_from(id).map_err(|_| StoreError::IdOutOfRange(id))
}

/// Converts an optional id for storage.
pub fn opt_to_sql(id: Option<u64>) -> StoreResult<Option<i64>> {
    id.map(to_sql).transpose()
}

/// Converts a stored INTEGER back to an id; a negative value means the row is damaged.
pub fn from_sql(value: i64) -> StoreResult<u64> {
    u64::try_from(value).map_err(|_| StoreError::InvalidStored(format!("negative id {value}")))
}

/// Converts an optional stored INTEGER back to an id.
pub fn opt_from_sql(value: Option<i64>) -> StoreResult<Option<u64>> {
    value.map(from_sql).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn largest_signed_value_round_trips() {
        let max = u64::try_from(i64::MAX).unwrap_or(0);
        assert_eq!(from_sql(to_sql(max).unwrap_or(-1)).ok(), Some(max));
    }

    #[test]
    fn ids_above_signed_range_are_refused_not_wrapped() {
        let too_big = 1u64 << 63;
        assert!(matches!(to_sql(too_big), Err(StoreError::IdOutOfRange(id)) if id == too_big));
        assert!(matches!(to_sql(u64::MAX), Err(StoreError::IdOutOfRange(_))));
    }

    #[test]
    fn negative_stored_values_are_invalid() {
        assert!(matches!(from_sql(-1), Err(StoreError::InvalidStored(_))));
        assert_eq!(opt_from_sql(None).ok(), Some(None));
    }
}
