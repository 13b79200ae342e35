//! Erlang C: how many servers keep the wait short. With offered load A = λ·AHT (Erlangs) and
//! N servers, C(N, A) is the chance an arrival has to wait, and the service level
//! P(wait ≤ t) = 1 − C(N, A)·e^{−(N−A)·t/AHT}. C is computed from Erlang B by the recursion
//! B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)), then C = N·B / (N − A·(1 − B)): no factorials
//! or powers, so it neither overflows nor loses precision for hundreds of servers.

/// Far more chat slots than any team has: the search for N stops here.
const MAX_SERVERS: u32 = 100_000;

/// Erlang B: the chance an arrival finds all `n` servers busy with no queue.
pub fn erlang_b(n: u32, load: f64) -> f64 {
    let mut b = 1.0;
    for k in 1..=n {
        b = load * b / (f64::from(k) + load * b);
    }
    b
}

/// Erlang C: the chance an arrival waits. 1 when `n ≤ load` (the queue never drains).
pub fn erlang_c(n: u32, load: f64) -> f64 {
    let servers = f64::from(n);
    if servers <= load {
        return 1.0;
    }
    let b = erlang_b(n, load);
    servers * b / (servers - load * (1.0 - b))
}

/// P(wait ≤ `wait_secs`) with `n` servers, `load` Erlangs and handling time `aht_secs`.
pub fn service_level(n: u32, load: f64, wait_secs: f64, aht_secs: f64) -> f64 {
    let servers = f64::from(n);
    if servers <= load {
        return 0.0;
    }
    1.0 - erlang_c(n, load) * (-(servers - load) * wait_secs / aht_secs).exp()
}

/// The smallest number of servers whose service level reaches `target` (0–1); 0 with no
/// arrivals or no handling time.
pub fn servers_needed(per_hour: f64, aht_secs: f64, wait_secs: f64, target: f64) -> u32 {
    if per_hour <= 0.0 || aht_secs <= 0.0 {
        return 0;
    }
    let load = per_hour * aht_secs / 3600.0;
    // Fewer servers than the load never drain the queue: start just above it.
    let mut n = (load.floor() as u32).saturating_add(1);
    while n < MAX_SERVERS && service_level(n, load, wait_secs, aht_secs) < target {
        n += 1;
    }
    n
}

/// Operators for `servers` chat slots when each handles `concurrency` chats at once.
pub fn operators_for(servers: u32, concurrency: u32) -> u32 {
    servers.div_ceil(concurrency.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// C(N, A) straight from its definition, with factorials: fine in f64 for small N.
    fn erlang_c_direct(n: u32, a: f64) -> f64 {
        let fact = |k: u32| (1..=k).map(f64::from).product::<f64>();
        let below: f64 = (0..n).map(|k| a.powi(k as i32) / fact(k)).sum();
        let top = a.powi(n as i32) / fact(n) * f64::from(n) / (f64::from(n) - a);
        top / (below + top)
    }

    #[test]
    fn matches_published_values_for_ten_erlangs() {
        // The textbook example (100 calls in 30 minutes, 3 minutes each: A = 10 Erlangs) as
        // tabulated in call-centre planning guides: C(11) ≈ 0.6821, C(12) ≈ 0.4494,
        // C(13) ≈ 0.2853, C(14) ≈ 0.1741.
        for (n, want) in [(11, 0.6821), (12, 0.4494), (13, 0.2853), (14, 0.1741)] {
            let got = erlang_c(n, 10.0);
            assert!((got - want).abs() < 5e-5, "C({n}, 10) = {got}, want {want}");
            let direct = erlang_c_direct(n, 10.0);
            assert!(
                (got - direct).abs() < 1e-12,
                "C({n}, 10): {got} vs {direct}"
            );
        }
    }

    #[test]
    fn agrees_with_the_factorial_formula_over_a_range() {
        for n in 1..=60 {
            for a in [0.1, 0.9, 2.5, 7.0, 19.5, 40.0] {
                if f64::from(n) > a {
                    let (got, want) = (erlang_c(n, a), erlang_c_direct(n, a));
                    assert!((got - want).abs() < 1e-9, "C({n}, {a}): {got} vs {want}");
                }
            }
        }
    }

    #[test]
    fn textbook_example_needs_fourteen_for_80_in_20_seconds() {
        // 13 agents reach about 79.6 %, just short; 14 about 88.8 %.
        assert!((service_level(13, 10.0, 20.0, 180.0) - 0.7956).abs() < 5e-4);
        assert!((service_level(14, 10.0, 20.0, 180.0) - 0.8884).abs() < 5e-4);
        assert_eq!(servers_needed(200.0, 180.0, 20.0, 0.8), 14);
    }

    #[test]
    fn no_load_needs_nobody_and_the_load_is_never_enough() {
        assert_eq!(servers_needed(0.0, 180.0, 60.0, 0.8), 0);
        assert_eq!(servers_needed(10.0, 0.0, 60.0, 0.8), 0);
        assert_eq!(erlang_c(10, 10.0), 1.0);
        assert_eq!(service_level(10, 10.0, 60.0, 180.0), 0.0);
        // One chat an hour of 6 minutes: one server, answered at once 90 % of the time.
        assert_eq!(servers_needed(1.0, 360.0, 60.0, 0.8), 1);
    }

    #[test]
    fn hundreds_of_servers_stay_finite() {
        let c = erlang_c(500, 480.0);
        assert!(c.is_finite() && c > 0.0 && c < 1.0, "{c}");
    }

    #[test]
    fn operators_round_up_by_concurrency() {
        assert_eq!(operators_for(14, 3), 5);
        assert_eq!(operators_for(15, 3), 5);
        assert_eq!(operators_for(16, 3), 6);
        assert_eq!(operators_for(0, 3), 0);
        assert_eq!(operators_for(7, 1), 7);
        assert_eq!(operators_for(7, 0), 7, "0 is taken as one chat at a time");
    }
}
