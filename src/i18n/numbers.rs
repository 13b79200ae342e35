//! How each language writes numbers and file sizes.

/// How the language writes numbers: "240 KB", "1.5 MB" in English; "240 КБ", "1,5 МБ" in
/// Russian.
#[derive(Debug, PartialEq, Eq)]
pub struct Numbers {
    pub bytes: &'static str,
    pub kb: &'static str,
    pub mb: &'static str,
    pub decimal_comma: bool,
}

impl Numbers {
    /// `n` with one decimal, in the language's decimal mark.
    pub fn one_decimal(&self, n: f64) -> String {
        let text = format!("{n:.1}");
        if self.decimal_comma {
            text.replace('.', ",")
        } else {
            text
        }
    }
}

pub static NUMBERS_EN: Numbers = Numbers {
    bytes: "B",
    kb: "KB",
    mb: "MB",
    decimal_comma: false,
};

pub static NUMBERS_RU: Numbers = Numbers {
    bytes: "Б",
    kb: "КБ",
    mb: "МБ",
    decimal_comma: true,
};
