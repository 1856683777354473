//! The engine's words in Finnish, Swedish and English: Project Fluent messages (`locales/*.ftl`,
//! compiled into the engine) for everything it writes for people — explanation steps, warnings,
//! the names of units, deductions and roundings, and the acts its legal references cite.
//!
//! Texts stay templates (a message id and its arguments) until they are shown or serialized
//! ([`crate::explain::StepText`]); they are then written in the language in force on the thread:
//! [`with_lang`] sets it for the duration of a serialization ([`crate::Estimate`] sets its own
//! `lang`), Finnish otherwise.
//!
//! Numbers keep one convention in every language (the Finnish one, which is also CLDR's for
//! `sv-FI` and `en-FI`): `1 234,50 €`, `42,5 %`, dates `d.m.yyyy`. The UI formats its own figures
//! the same way (`ui/src/format.ts`).

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::cell::Cell;
use std::sync::OnceLock;

/// A language of the app and of the engine's texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// suomi
    #[default]
    Fi,
    /// svenska
    Sv,
    /// English
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Fi, Lang::Sv, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// The Fluent source of the language (for the completeness check).
    pub fn ftl(self) -> &'static str {
        FTL[self.index()]
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Lang::ALL.into_iter().find(|l| l.code() == s).ok_or_else(|| format!("unknown language `{s}` (fi, sv or en)"))
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

const FTL: [&str; 3] =
    [include_str!("../locales/fi.ftl"), include_str!("../locales/sv.ftl"), include_str!("../locales/en.ftl")];

fn bundles() -> &'static [FluentBundle<FluentResource>; 3] {
    static BUNDLES: OnceLock<[FluentBundle<FluentResource>; 3]> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        Lang::ALL.map(|lang| {
            // fi-FI, sv-FI, en-FI: plural rules of the language
            let locale: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
            let mut b = FluentBundle::new_concurrent(vec![locale]);
            // Plain text: no Unicode isolation marks around the arguments.
            b.set_use_isolating(false);
            // A syntax error keeps the messages that parsed; the completeness test reports it.
            let res = FluentResource::try_new(lang.ftl().to_string()).unwrap_or_else(|(res, _)| res);
            let _ = b.add_resource(res);
            b
        })
    })
}

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::Fi) };
}

/// The language texts are written in on this thread now.
pub fn current() -> Lang {
    CURRENT.with(Cell::get)
}

/// Runs `f` with texts written in `lang` (restored afterwards, also when `f` unwinds).
pub fn with_lang<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    struct Restore(Lang);
    impl Drop for Restore {
        fn drop(&mut self) {
            CURRENT.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(CURRENT.with(|c| c.replace(lang)));
    f()
}

/// An argument of a message as Fluent sees it: a text, or an integer (plural selection).
pub enum Arg<'a> {
    Text(Cow<'a, str>),
    Int(i64),
}

/// Writes message `id` in `lang` with its arguments into `out`. A message missing in `lang`
/// falls back to Finnish, then to `{id}` (the completeness test keeps the files whole).
pub fn write<'a>(
    out: &mut dyn std::fmt::Write,
    lang: Lang,
    id: &str,
    args: impl IntoIterator<Item = (&'a str, Arg<'a>)>,
) -> std::fmt::Result {
    let b = bundles();
    let (bundle, pattern) = match b[lang.index()].get_message(id).and_then(|m| m.value()) {
        Some(p) => (&b[lang.index()], p),
        None => match b[0].get_message(id).and_then(|m| m.value()) {
            Some(p) => (&b[0], p),
            None => return write!(out, "{{{id}}}"),
        },
    };
    let mut fargs = FluentArgs::new();
    for (name, a) in args {
        match a {
            Arg::Text(t) => fargs.set(name, FluentValue::String(t)),
            Arg::Int(i) => fargs.set(name, FluentValue::from(i)),
        }
    }
    let mut errors = Vec::new();
    bundle.write_pattern(&mut Adapter(out), pattern, Some(&fargs), &mut errors)
}

/// Whether `lang`'s file has message `id`.
pub fn exists(lang: Lang, id: &str) -> bool {
    bundles()[lang.index()].has_message(id)
}

/// A message without arguments as a `String`.
pub fn message(lang: Lang, id: &str) -> String {
    let mut s = String::new();
    let _ = write(&mut s, lang, id, []);
    s
}

/// `&mut dyn fmt::Write` as a sized `fmt::Write` (Fluent's writer is generic).
struct Adapter<'w>(&'w mut dyn std::fmt::Write);

impl std::fmt::Write for Adapter<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.write_str(s)
    }
}

/// A name of the tariff (an organisation's) written in the language in force when serialized or
/// displayed; a plain string in JSON and TypeScript.
#[derive(Debug, Clone, PartialEq)]
pub struct InLang(pub std::sync::Arc<crate::tariff::Names>);

impl std::fmt::Display for InLang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.get(current()))
    }
}

impl Serialize for InLang {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.get(current()))
    }
}

impl PartialEq<&str> for InLang {
    fn eq(&self, other: &&str) -> bool {
        self.0.get(current()) == *other
    }
}

/// A legal reference in the engine's form (`asiakasmaksulaki 10 f §, 10 g §`,
/// `palvelusetelilaki 569/2009 7 §; asiakasmaksulaki 10 e §`, `asiakasmaksulaki 7 c § 2 mom.`)
/// written in `lang`: the act by its name in that language (`law-*` messages), the sections as
/// that language cites them. Finnish is the reference itself.
pub fn legal_reference(reference: &str, lang: Lang) -> Cow<'_, str> {
    if lang == Lang::Fi {
        return Cow::Borrowed(reference);
    }
    const ACTS: [(&str, &str); 4] = [
        ("asiakasmaksulaki", "law-client-charges-act"),
        ("asetus 912/1992", "law-client-charges-decree"),
        ("palvelusetelilaki", "law-service-voucher-act"),
        ("omaishoitolaki", "law-informal-care-act"),
    ];
    let mut out = String::with_capacity(reference.len() * 3);
    for (i, part) in reference.split(';').map(str::trim).enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        let Some((prefix, id)) = ACTS.iter().find(|(p, _)| part.starts_with(p)) else {
            out.push_str(part);
            continue;
        };
        let mut rest = part[prefix.len()..].trim();
        // an act number (`569/2009`) stays with the act's name
        let mut number = "";
        if let Some((first, after)) = rest.split_once(' ') {
            if first.contains('/') {
                number = first;
                rest = after.trim();
            }
        }
        let _ = write(&mut out, lang, id, []);
        if !number.is_empty() && !prefix.contains('/') {
            out.push_str(" (");
            out.push_str(number);
            out.push(')');
        }
        match lang {
            // Swedish cites as Finnish does: `7 c § 2 mom.`
            Lang::Sv | Lang::Fi => {
                out.push(' ');
                out.push_str(rest);
            }
            Lang::En => {
                out.push_str(", ");
                out.push_str(&english_sections(rest));
            }
        }
    }
    Cow::Owned(out)
}

/// `10 f §, 10 g §` → `sections 10 f and 10 g`; `7 c § 2 mom.` → `section 7 c, subsection 2`;
/// `10 b–10 c §` → `sections 10 b–10 c`.
fn english_sections(s: &str) -> String {
    let (s, subsection) = match s.strip_suffix("mom.") {
        Some(head) => match head.trim().rsplit_once('§') {
            Some((sections, sub)) => (format!("{sections}§"), Some(sub.trim().to_string())),
            None => (s.to_string(), None),
        },
        None => (s.to_string(), None),
    };
    let items: Vec<String> =
        s.split(',').map(|i| i.replace('§', "").trim().to_string()).filter(|i| !i.is_empty()).collect();
    let plural = items.len() > 1 || items.iter().any(|i| i.contains('–'));
    let mut out = String::from(if plural { "sections " } else { "section " });
    match items.as_slice() {
        [] => {}
        [one] => out.push_str(one),
        [init @ .., last] => {
            out.push_str(&init.join(", "));
            out.push_str(" and ");
            out.push_str(last);
        }
    }
    if let Some(sub) = subsection {
        out.push_str(", subsection ");
        out.push_str(&sub);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_is_scoped() {
        assert_eq!(current(), Lang::Fi);
        let inner = with_lang(Lang::Sv, || (current(), with_lang(Lang::En, current), current()));
        assert_eq!(inner, (Lang::Sv, Lang::En, Lang::Sv));
        assert_eq!(current(), Lang::Fi);
    }

    #[test]
    fn languages_parse_from_their_codes() {
        assert_eq!("sv".parse::<Lang>(), Ok(Lang::Sv));
        assert!("se".parse::<Lang>().is_err());
        assert_eq!(serde_json::to_string(&Lang::En).unwrap(), "\"en\"");
    }

    #[test]
    fn a_missing_message_names_itself() {
        assert_eq!(message(Lang::Sv, "no-such-message"), "{no-such-message}");
    }
}
