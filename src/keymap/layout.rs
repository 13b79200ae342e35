//! A key pressed with the keyboard in a Cyrillic layout, read as the Latin key in the same
//! place. Operators write to visitors in Russian, so the layout is Russian most of the day, and
//! the terminal then sends Alt-п for Alt-G: without this every Alt hotkey (greet, note,
//! transfer, panes, canned replies) needed a layout switch first. Bindings of the Cyrillic key
//! itself come first; the twin is only looked for when the key is bound nowhere.

/// The standard Russian layout (ЙЦУКЕН) over QWERTY, with the Ukrainian (і ї є ґ) and
/// Belarusian (і ў) letters where they differ from it.
const TWINS: [(char, char); 38] = [
    ('й', 'q'),
    ('ц', 'w'),
    ('у', 'e'),
    ('к', 'r'),
    ('е', 't'),
    ('н', 'y'),
    ('г', 'u'),
    ('ш', 'i'),
    ('щ', 'o'),
    ('з', 'p'),
    ('х', '['),
    ('ъ', ']'),
    ('ф', 'a'),
    ('ы', 's'),
    ('в', 'd'),
    ('а', 'f'),
    ('п', 'g'),
    ('р', 'h'),
    ('о', 'j'),
    ('л', 'k'),
    ('д', 'l'),
    ('ж', ';'),
    ('э', '\''),
    ('я', 'z'),
    ('ч', 'x'),
    ('с', 'c'),
    ('м', 'v'),
    ('и', 'b'),
    ('т', 'n'),
    ('ь', 'm'),
    ('б', ','),
    ('ю', '.'),
    ('ё', '`'),
    ('і', 's'),
    ('ї', ']'),
    ('є', '\''),
    ('ґ', '`'),
    ('ў', 'o'),
];

/// The Latin character on the key that types `c` in a Cyrillic layout; a capital gives a
/// capital (Shift was held).
pub fn latin_twin(c: char) -> Option<char> {
    let lower = c.to_lowercase().next()?;
    let (_, latin) = TWINS.iter().find(|(cyrillic, _)| *cyrillic == lower)?;
    Some(if lower == c {
        *latin
    } else {
        latin.to_ascii_uppercase()
    })
}

#[cfg(test)]
mod tests {
    use super::latin_twin;

    #[test]
    fn every_letter_of_the_russian_layout_has_its_key() {
        let row = |cyrillic: &str| -> String {
            cyrillic
                .chars()
                .map(|c| latin_twin(c).unwrap_or('?'))
                .collect()
        };
        assert_eq!(row("йцукенгшщзхъ"), "qwertyuiop[]");
        assert_eq!(row("фывапролджэ"), "asdfghjkl;'");
        assert_eq!(row("ячсмитьбю"), "zxcvbnm,.");
        assert_eq!(row("ЙПМ"), "QGV");
        assert_eq!(latin_twin('g'), None, "a Latin letter is its own key");
        assert_eq!(latin_twin('1'), None);
    }
}
