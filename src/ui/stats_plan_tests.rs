//! How the statistics screen shares its rows out at each size, and its online time.

use super::*;

#[test]
fn at_80x24_the_table_goes_and_both_charts_and_the_sparkline_stay() {
    // 21 rows inside the frame, four of totals at 78 columns.
    let p = plan(78, 21, 4, true, 3);
    assert_eq!(
        p,
        Plan {
            totals: 4,
            side_by_side: false,
            chart: 6,
            // The row left over goes to the sparkline.
            spark: 4,
            table: 0
        }
    );
}

#[test]
fn lower_still_the_sparkline_goes_then_the_charts_shrink() {
    assert_eq!(plan(78, 18, 4, true, 3).spark, 0);
    let p = plan(78, 12, 4, true, 3);
    assert_eq!((p.chart, p.spark, p.table), (3, 0, 0));
}

#[test]
fn wide_and_tall_the_charts_sit_side_by_side_above_the_table() {
    let p = plan(118, 37, 3, true, 4);
    assert!(p.side_by_side);
    assert_eq!(p.chart, CHART_MAX);
    assert_eq!(
        (p.spark, p.table),
        (SPARK_MAX, 7),
        "the sparkline grows last"
    );
}

#[test]
fn online_time_in_hours_and_minutes() {
    assert_eq!(hours_minutes(0), "0:00");
    assert_eq!(hours_minutes(90 * 60_000 + 59_999), "1:30");
    assert_eq!(hours_minutes(30 * 3_600_000), "30:00");
}
