//! Nearest-rank percentiles: the p-th percentile of n sorted samples is the sample at rank
//! ceil(p/100 · n) (1-based), and the smallest sample for p = 0. It is always one of the
//! samples, never an interpolation, so a median of two samples is the lower one.

/// The `p`-th percentile (0–100) of `sorted` (ascending); `None` without samples.
pub fn nearest_rank(sorted: &[i64], p: u32) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let n = sorted.len();
    let p = p.min(100) as usize;
    // ceil(p·n / 100) in integers, so 90 % of 10 samples is rank 9 exactly.
    let rank = (p * n).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

/// Median by nearest rank.
pub fn median(sorted: &[i64]) -> Option<i64> {
    nearest_rank(sorted, 50)
}

/// Arithmetic mean rounded to the nearest millisecond; `None` without samples.
pub fn mean(samples: &[i64]) -> Option<i64> {
    if samples.is_empty() {
        return None;
    }
    let sum: i128 = samples.iter().map(|&x| i128::from(x)).sum();
    mean_of(sum, samples.len() as u64)
}

/// The mean of `n` samples that add up to `sum`, rounded as [`mean`]; `None` for no samples.
pub fn mean_of(sum: i128, n: u64) -> Option<i64> {
    if n == 0 {
        return None;
    }
    let n = i128::from(n);
    // Round half away from zero; durations are never negative in practice.
    let rounded = (2 * sum + n) / (2 * n);
    i64::try_from(rounded).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_samples_has_no_percentile() {
        assert_eq!(nearest_rank(&[], 50), None);
        assert_eq!(median(&[]), None);
        assert_eq!(mean(&[]), None);
    }

    #[test]
    fn one_sample_is_every_percentile() {
        for p in [0, 1, 50, 90, 100] {
            assert_eq!(nearest_rank(&[42], p), Some(42), "p = {p}");
        }
    }

    #[test]
    fn two_samples_median_is_the_lower_p90_the_upper() {
        let s = [10, 20];
        assert_eq!(median(&s), Some(10));
        assert_eq!(nearest_rank(&s, 51), Some(20));
        assert_eq!(nearest_rank(&s, 90), Some(20));
        assert_eq!(nearest_rank(&s, 0), Some(10));
    }

    #[test]
    fn all_equal_samples_give_that_value() {
        let s = [7; 13];
        assert_eq!(median(&s), Some(7));
        assert_eq!(nearest_rank(&s, 90), Some(7));
        assert_eq!(mean(&s), Some(7));
    }

    #[test]
    fn ranks_of_ten_samples() {
        let s: Vec<i64> = (1..=10).collect();
        assert_eq!(nearest_rank(&s, 90), Some(9));
        assert_eq!(nearest_rank(&s, 91), Some(10));
        assert_eq!(median(&s), Some(5));
        assert_eq!(nearest_rank(&s, 100), Some(10));
        assert_eq!(nearest_rank(&s, 10), Some(1));
        assert_eq!(nearest_rank(&s, 11), Some(2));
    }

    #[test]
    fn mean_rounds_to_nearest() {
        assert_eq!(mean(&[1, 2]), Some(2));
        assert_eq!(mean(&[1, 1, 2]), Some(1));
        assert_eq!(mean(&[i64::MAX, i64::MAX]), Some(i64::MAX));
    }
}
