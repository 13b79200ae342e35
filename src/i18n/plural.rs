//! Plural forms of counted phrases: English has one and other, Russian one, few and many.

/// Which plural rule a language's counted phrases follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    English,
    Russian,
}

impl Plural {
    /// The index of the form for `n`: 0 one, 1 few, 2 many.
    pub fn form(self, n: usize) -> usize {
        match self {
            Self::English => plural_en(n),
            Self::Russian => plural_ru(n),
        }
    }
}

/// English plural forms: one, other, other.
pub fn plural_en(n: usize) -> usize {
    usize::from(n != 1)
}

/// Russian plural forms: one (1, 21, …), few (2–4, 22–24, …), many.
pub fn plural_ru(n: usize) -> usize {
    let (d10, d100) = (n % 10, n % 100);
    if d10 == 1 && d100 != 11 {
        0
    } else if (2..=4).contains(&d10) && !(12..=14).contains(&d100) {
        1
    } else {
        2
    }
}
