//! The packer's decisions, with the clock set by hand.

use super::*;

fn at(t0: Instant, ms: u64) -> Instant {
    t0 + Duration::from_millis(ms)
}

#[test]
fn a_lone_event_goes_at_once_and_a_burst_is_held_back() {
    let t0 = Instant::now();
    let gap = 40;
    let mut packer = Packer::new(t0, Duration::from_millis(gap));
    assert!(packer.ready(t0));
    packer.wrote(1, t0);
    // Quiet before: the next event may go at once.
    assert!(packer.ready(at(t0, 2 * gap)));
    packer.wrote(1, at(t0, 2 * gap));
    // A second write soon after: a burst, held for the gap.
    packer.wrote(1, at(t0, 2 * gap + 5));
    assert!(!packer.ready(at(t0, 2 * gap + 6)));
    assert!(!packer.ready(at(t0, 3 * gap + 4)));
    assert!(packer.ready(at(t0, 3 * gap + 5)));
    // Several events in one write are a burst too, however long the quiet before.
    packer.wrote(7, at(t0, 20 * gap));
    assert!(!packer.ready(at(t0, 20 * gap + 1)));
    assert!(packer.ready(at(t0, 21 * gap)));
}

#[test]
fn without_asking_every_event_goes_at_once() {
    assert_eq!(pack_gap(None), Duration::ZERO);
    assert_eq!(pack_gap(Some(40)), Duration::from_millis(40));
    assert_eq!(pack_gap(Some(u32::MAX)), MAX_PACK);
    let t0 = Instant::now();
    let mut packer = Packer::new(t0, pack_gap(None));
    packer.wrote(50, t0);
    assert!(packer.ready(t0));
    packer.wrote(1, t0);
    assert!(packer.ready(t0));
    assert_eq!(packer.woke(3, None, t0), Wake::Nothing);
    assert!(!packer.take_quiet());
}

#[test]
fn a_held_burst_that_keeps_coming_stays_held() {
    let t0 = Instant::now();
    let mut packer = Packer::new(t0, Duration::from_millis(40));
    packer.wrote(20, t0);
    // Looked at every 10 ms, with more queued each time: held to the end of the gap.
    for (ms, queued) in [(10, 5), (20, 10), (30, 15)] {
        assert_eq!(packer.woke(queued, None, at(t0, ms)), Wake::Nothing);
        assert!(!packer.ready(at(t0, ms)));
    }
    assert!(packer.ready(at(t0, 40)));
    assert!(!packer.take_quiet(), "the burst did not pause");
}

#[test]
fn a_held_burst_that_pauses_goes_out_at_once_with_a_quiet_frame() {
    let t0 = Instant::now();
    let mut packer = Packer::new(t0, Duration::from_millis(40));
    packer.wrote(20, t0);
    assert_eq!(packer.woke(3, None, at(t0, 10)), Wake::Nothing);
    assert!(!packer.ready(at(t0, 15)));
    // Still three at the next look: nothing came for 10 ms. The three go now, then `quiet`.
    assert_eq!(packer.woke(3, None, at(t0, 20)), Wake::Nothing);
    assert!(packer.ready(at(t0, 20)));
    assert!(packer.take_quiet());
    assert!(!packer.take_quiet(), "owed once");
    // The write with its `quiet` ended the burst: nothing is held after it, so no timer
    // fires to find the queue still empty and say `quiet` again.
    packer.wrote(3, at(t0, 21));
    assert!(packer.ready(at(t0, 21)));
    assert_eq!(packer.woke(0, None, at(t0, 31)), Wake::Nothing);
    assert_eq!(packer.woke(0, None, at(t0, 41)), Wake::Nothing);
    // The next burst is packed as ever.
    packer.wrote(1, at(t0, 45));
    packer.wrote(1, at(t0, 50));
    assert!(!packer.ready(at(t0, 51)));
}

#[test]
fn a_burst_is_not_paused_while_commands_wait_for_the_next_commit() {
    let t0 = Instant::now();
    let mut packer = Packer::new(t0, Duration::from_millis(80));
    packer.wrote(20, t0);
    // Nothing new came since the write, but the commit window holds commands whose events
    // come with its commit at 12 ms: still the same burst.
    assert_eq!(packer.woke(0, Some(at(t0, 12)), at(t0, 10)), Wake::Nothing);
    assert!(!packer.ready(at(t0, 10)));
    // The commit brought three events: the burst goes on, and may wait for a commit again.
    assert_eq!(packer.woke(3, Some(at(t0, 27)), at(t0, 20)), Wake::Nothing);
    assert_eq!(packer.woke(3, Some(at(t0, 27)), at(t0, 30)), Wake::Nothing);
    assert!(!packer.ready(at(t0, 30)));
    // A look after that commit with nothing new ends it, whatever still waits (other chats'
    // commands, due at the next commit).
    assert_eq!(packer.woke(3, Some(at(t0, 42)), at(t0, 40)), Wake::Nothing);
    assert!(packer.ready(at(t0, 40)));
    assert!(packer.take_quiet());
}

#[test]
fn a_commit_window_longer_than_a_look_does_not_end_the_burst() {
    // A commit due at 38 ms: the looks at 10, 20 and 30 ms find nothing new while it holds
    // the burst's next messages. Calling the burst paused at each commit would send a `quiet`
    // (and have the console draw) for every commit of the flood.
    let t0 = Instant::now();
    let mut packer = Packer::new(t0, Duration::from_millis(80));
    packer.wrote(20, t0);
    let due = Some(at(t0, 38));
    for ms in [10, 20, 30] {
        assert_eq!(packer.woke(0, due, at(t0, ms)), Wake::Nothing, "{ms} ms");
        assert!(!packer.ready(at(t0, ms)));
    }
    // 2 ms past the due time the commit's events may not be in yet: held on.
    assert_eq!(packer.woke(0, due, at(t0, 40)), Wake::Nothing);
    assert!(!packer.ready(at(t0, 40)));
    // They came: the burst goes on.
    assert_eq!(packer.woke(4, Some(at(t0, 62)), at(t0, 50)), Wake::Nothing);
    assert!(!packer.ready(at(t0, 50)));
    // Nothing new again: the next commit (62 ms) is waited for too...
    assert_eq!(packer.woke(4, Some(at(t0, 62)), at(t0, 60)), Wake::Nothing);
    assert!(!packer.ready(at(t0, 60)));
    // ...and it brought nothing for this client: paused, though other commands wait.
    assert_eq!(packer.woke(4, Some(at(t0, 96)), at(t0, 70)), Wake::Nothing);
    assert!(packer.ready(at(t0, 70)));
    assert!(packer.take_quiet());
}

#[test]
fn a_burst_that_stops_right_after_a_write_gets_a_lone_quiet_frame() {
    let t0 = Instant::now();
    let mut packer = Packer::new(t0, Duration::from_millis(40));
    packer.wrote(20, t0);
    // Nothing queued at the first look: nothing came since the write.
    assert_eq!(packer.woke(0, None, at(t0, 10)), Wake::Quiet);
    assert!(packer.ready(at(t0, 10)), "the next event goes at once");
    assert!(!packer.take_quiet());
}

#[test]
fn a_tiny_pack_is_looked_at_no_more_often_than_every_five_ms() {
    let t0 = Instant::now();
    let mut packer = Packer::new(t0, Duration::from_millis(8));
    packer.wrote(20, t0);
    // A quarter of 8 ms would be 2 ms: too soon to look.
    assert_eq!(packer.woke(0, None, at(t0, 2)), Wake::Nothing);
    assert!(!packer.ready(at(t0, 2)));
    assert_eq!(packer.woke(0, None, at(t0, 5)), Wake::Quiet);
}

#[test]
fn a_long_pack_is_still_looked_at_every_ten_ms() {
    // The console packs for 80 ms; a burst's pause must not wait for a quarter of that (20 ms)
    // to be told, or its last message would reach the screen later than with a shorter pack.
    let t0 = Instant::now();
    let mut packer = Packer::new(t0, Duration::from_millis(80));
    packer.wrote(20, t0);
    assert_eq!(
        packer.woke(3, None, at(t0, 10)),
        Wake::Nothing,
        "three came since"
    );
    assert!(!packer.ready(at(t0, 10)), "the burst goes on: held");
    // Nothing new 10 ms later: the three go now, with `quiet` after them.
    assert_eq!(packer.woke(3, None, at(t0, 20)), Wake::Nothing);
    assert!(packer.ready(at(t0, 20)));
    assert!(packer.take_quiet());
}

#[test]
fn a_burst_still_ends_with_quiet_when_its_held_write_carries_one_event() {
    // One message a commit, commits 25 ms apart, packs of 40 ms: the write at the end of a
    // hold carries a single event. It is still the burst: held after it, and ended by a look
    // that finds it paused, with `quiet` — not let go unheld, where the burst's last message
    // would never be followed by `quiet` and a console pacing its drawing would wait for it.
    let t0 = Instant::now();
    let mut packer = Packer::new(t0, Duration::from_millis(40));
    packer.wrote(2, t0);
    assert_eq!(packer.woke(0, Some(at(t0, 25)), at(t0, 10)), Wake::Nothing);
    assert_eq!(packer.woke(0, Some(at(t0, 25)), at(t0, 20)), Wake::Nothing);
    assert_eq!(packer.woke(1, None, at(t0, 30)), Wake::Nothing);
    assert!(packer.ready(at(t0, 40)));
    packer.wrote(1, at(t0, 40));
    assert!(
        !packer.ready(at(t0, 41)),
        "the burst goes on after a write of one"
    );
    // Nothing more comes and nothing waits: the burst paused.
    assert_eq!(packer.woke(0, None, at(t0, 50)), Wake::Quiet);
    assert!(packer.ready(at(t0, 50)));
    // After `quiet`, a lone event goes at once and is not held.
    packer.wrote(1, at(t0, 200));
    assert!(packer.ready(at(t0, 201)));
}

#[test]
fn the_commit_a_burst_waits_for_is_looked_after_at_once() {
    let t0 = Instant::now();
    let mut packer = Packer::new(t0, Duration::from_millis(80));
    packer.wrote(20, t0);
    // Nothing new at 10 ms; a commit is due at 15 ms.
    assert_eq!(packer.woke(0, Some(at(t0, 15)), at(t0, 10)), Wake::Nothing);
    // Its events are looked for just after it, not at the next look of the grid (20 ms)...
    assert_eq!(packer.woke(3, None, at(t0, 16)), Wake::Nothing);
    // ...so the burst is found paused a look after them, at 26 ms rather than 30.
    assert_eq!(packer.woke(3, None, at(t0, 26)), Wake::Nothing);
    assert!(packer.ready(at(t0, 26)));
    assert!(packer.take_quiet());
}

#[test]
fn a_commit_that_brought_nothing_is_not_looked_after_again_and_again() {
    let t0 = Instant::now();
    let mut packer = Packer::new(t0, Duration::from_millis(80));
    packer.wrote(20, t0);
    assert_eq!(packer.woke(0, Some(at(t0, 15)), at(t0, 10)), Wake::Nothing);
    // The commit brought nothing for this client; its look was just now: the next look is
    // on the grid again, not at once (a timer firing without end).
    assert_eq!(packer.woke(0, Some(at(t0, 40)), at(t0, 16)), Wake::Nothing);
    assert_eq!(packer.woke(0, Some(at(t0, 40)), at(t0, 17)), Wake::Nothing);
    assert!(!packer.ready(at(t0, 17)));
    assert_eq!(packer.next_look(), at(t0, 26));
    // The look at 26 ms finds the burst paused, whatever else waits.
    assert_eq!(packer.woke(0, Some(at(t0, 40)), at(t0, 26)), Wake::Quiet);
}
