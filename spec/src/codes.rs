//! Code lists of the standard (value-list sheets "Entiteiten en attributen … v1.5").
//!
//! Every list is an enum whose variants carry the wire value and the Dutch meaning from the
//! value-list sheet. The wire value is an integer or a string exactly as the contract types it
//! (`codeWerkEnDenkniveauWerkzoekende` is an integer, `codeWerkEnDenkniveauMinimaal` a string).
//! The JSON Schema of a list is `enum` plus its meanings in `description` and `x-vum-waarden`.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// What every code list offers: its values in the standard's order, wire value and meaning.
pub trait CodeList: Copy + Sized + 'static {
    /// All values, in the order of the standard.
    const ALL: &'static [Self];
    /// The wire value as text (`"1"`, `"B+"`, `"01"`).
    fn code(self) -> &'static str;
    /// The Dutch meaning from the value-list sheet.
    fn meaning(self) -> &'static str;
}

macro_rules! code_list {
    (@enum $(#[$doc:meta])* $name:ident { $($text:expr => $variant:ident $meaning:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $(
                #[doc = concat!("`", $text, "` = ", $meaning)]
                $variant,
            )+
        }

        impl CodeList for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];

            fn code(self) -> &'static str {
                match self { $(Self::$variant => $text,)+ }
            }

            fn meaning(self) -> &'static str {
                match self { $(Self::$variant => $meaning,)+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{} ({})", self.code(), self.meaning())
            }
        }
    };

    ($(#[$doc:meta])* integer $name:ident as $schema_name:literal { $($code:literal => $variant:ident $meaning:literal,)+ }) => {
        code_list!(@enum $(#[$doc])* $name { $(stringify!($code) => $variant $meaning,)+ });

        impl $name {
            /// The wire value.
            pub fn value(self) -> i64 {
                match self { $(Self::$variant => $code,)+ }
            }

            /// The value with this wire integer, if the list has it.
            pub fn from_value(value: i64) -> Option<Self> {
                match value { $($code => Some(Self::$variant),)+ _ => None }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_i64(IntegerCodeVisitor::<Self>::new($schema_name, $name::from_value))
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                $schema_name.into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                code_list_schema::<Self>("integer", $schema_name, &Self::ALL.iter().map(|c| serde_json::Value::from(c.value())).collect::<Vec<_>>())
            }
        }
    };

    ($(#[$doc:meta])* string $name:ident as $schema_name:literal { $($code:literal => $variant:ident $meaning:literal,)+ }) => {
        code_list!(@enum $(#[$doc])* $name { $($code => $variant $meaning,)+ });

        impl $name {
            /// The value with this wire string, if the list has it.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some(Self::$variant),)+ _ => None }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(StringCodeVisitor::<Self>::new($schema_name, $name::from_code))
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                $schema_name.into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                code_list_schema::<Self>("string", $schema_name, &Self::ALL.iter().map(|c| serde_json::Value::from(c.code())).collect::<Vec<_>>())
            }
        }
    };
}

fn code_list_schema<C: CodeList>(
    instance_type: &str,
    name: &str,
    values: &[serde_json::Value],
) -> Schema {
    let meanings: serde_json::Map<String, serde_json::Value> = C::ALL
        .iter()
        .map(|c| (c.code().to_owned(), c.meaning().into()))
        .collect();
    let description = C::ALL
        .iter()
        .map(|c| format!("{} = {}", c.code(), c.meaning()))
        .collect::<Vec<_>>()
        .join("; ");
    json_schema!({
        "type": instance_type,
        "enum": values,
        "title": name,
        "description": description,
        "x-vum-waarden": meanings,
    })
}

struct IntegerCodeVisitor<T> {
    list: &'static str,
    from_value: fn(i64) -> Option<T>,
}

impl<T> IntegerCodeVisitor<T> {
    fn new(list: &'static str, from_value: fn(i64) -> Option<T>) -> Self {
        Self { list, from_value }
    }
}

impl<T> Visitor<'_> for IntegerCodeVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an integer code of {}", self.list)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        (self.from_value)(v).ok_or_else(|| E::custom(format!("{v} is not a code of {}", self.list)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        let v = i64::try_from(v)
            .map_err(|_| E::custom(format!("{v} is not a code of {}", self.list)))?;
        self.visit_i64(v)
    }
}

struct StringCodeVisitor<T> {
    list: &'static str,
    from_code: fn(&str) -> Option<T>,
}

impl<T> StringCodeVisitor<T> {
    fn new(list: &'static str, from_code: fn(&str) -> Option<T>) -> Self {
        Self { list, from_code }
    }
}

impl<T> Visitor<'_> for StringCodeVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a string code of {}", self.list)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        (self.from_code)(v)
            .ok_or_else(|| E::custom(format!("{v:?} is not a code of {}", self.list)))
    }
}

code_list! {
    /// Indicatie: ja, nee of onbekend (`Indicatie`).
    integer Indicatie as "Indicatie" {
        0 => Onbekend "Onbekend",
        1 => Ja "Ja",
        2 => Nee "Nee",
    }
}

code_list! {
    /// Indicatie zonder "onbekend": de keuze in een zoekvraag en de indicaties
    /// `indicatieBeschikbaarheidContactgegevens` en `indicatieLdrRegistratie`.
    integer JaNee as "JaNee" {
        1 => Ja "Ja",
        2 => Nee "Nee",
    }
}

code_list! {
    /// Indicatie diploma of certificaat (`IndicatieDiploma`).
    integer IndicatieDiploma as "IndicatieDiploma" {
        0 => Onbekend "Onbekend",
        1 => Ja "Ja",
        2 => Nee "Nee",
        8 => NietVanToepassing "Niet van toepassing",
    }
}

code_list! {
    /// Code niveau taalbeheersing (lezen, luisteren, mondeling, schriftelijk) (`IntegerTaal`).
    integer NiveauTaalbeheersing as "IntegerTaal" {
        0 => Onbekend "Onbekend",
        1 => GeenBeheersing "Geen beheersing",
        2 => Redelijk "Redelijk",
        3 => Goed "Goed",
        4 => Uitstekend "Uitstekend",
        8 => NietVanToepassing "Niet van toepassing",
    }
}

code_list! {
    /// Het minimale niveau taalbeheersing dat een zoekvraag kan eisen
    /// (`codeNiveauTaalbeheersing_choice`).
    integer NiveauTaalbeheersingKeuze as "codeNiveauTaalbeheersing_choice" {
        2 => Redelijk "Redelijk",
        3 => Goed "Goed",
        4 => Uitstekend "Uitstekend",
    }
}

code_list! {
    /// Code werk- en denkniveau van de werkzoekende, een geheel getal
    /// (`codeWerkEnDenkniveauWerkzoekende`).
    integer WerkEnDenkniveau as "codeWerkEnDenkniveauWerkzoekende" {
        0 => NietVanToepassing "niet van toepassing",
        1 => GeenBasisopleiding "geen basisopleiding",
        2 => Basisniveau "basisniveau",
        3 => Vmbo "vmbo-niveau",
        4 => MboHavoVwo "mbo/havo/vwo-niveau",
        5 => Hbo "hbo-niveau",
        6 => Wo "wetenschappelijk onderwijs",
        7 => NietBekend "(nog) niet bekend",
    }
}

code_list! {
    /// Code werk- en denkniveau minimaal van een vacature, als tekst
    /// (`codeWerkEnDenkniveauMinimaal`).
    string WerkEnDenkniveauMinimaal as "codeWerkEnDenkniveauMinimaal" {
        "0" => NietVanToepassing "niet van toepassing",
        "1" => GeenBasisopleiding "geen basisopleiding",
        "2" => Basisniveau "basisniveau",
        "3" => Vmbo "vmbo-niveau",
        "4" => MboHavoVwo "mbo/havo/vwo-niveau",
        "5" => Hbo "hbo-niveau",
        "6" => Wo "wetenschappelijk onderwijs",
        "7" => NietBekend "(nog) niet bekend",
    }
}

code_list! {
    /// Een bekend minimaal werk- en denkniveau in een zoekvraag (`codeWerkEnDenkNiveau_choice`).
    string WerkEnDenkniveauKeuze as "codeWerkEnDenkNiveau_choice" {
        "1" => GeenBasisopleiding "geen basisopleiding",
        "2" => Basisniveau "basisniveau",
        "3" => Vmbo "vmbo-niveau",
        "4" => MboHavoVwo "mbo/havo/vwo-niveau",
        "5" => Hbo "hbo-niveau",
        "6" => Wo "wetenschappelijk onderwijs",
    }
}

code_list! {
    /// Code niveau opleiding (`codeNiveauOpleiding`).
    integer NiveauOpleiding as "codeNiveauOpleiding" {
        1 => Basisonderwijs "Basisonderwijs",
        2 => Vmbo "VMBO",
        3 => HavoVwo "HAVO/VWO",
        4 => Mbo "MBO",
        5 => HboBachelor "HBO/Bachelor",
        6 => WoMaster "WO/Master",
        9 => Anders "Anders",
    }
}

code_list! {
    /// Code status opleiding (`codeStatusOpleiding`).
    integer StatusOpleiding as "codeStatusOpleiding" {
        0 => Onbekend "Onbekend",
        1 => SuccesvolAfgerond "Succesvol afgerond",
        2 => Afgebroken "Afgebroken",
        3 => Lopend "Lopend",
    }
}

code_list! {
    /// Code soort rijbewijs, de rijbewijscategorieën van RDW/CBR (`codeSoortRijbewijs`).
    string SoortRijbewijs as "codeSoortRijbewijs" {
        "A" => A "Zware motor met onbeperkt vermogen",
        "A1" => A1 "Lichte motor, 125 cc en maximaal vermogen van 11 kilowatt (kW)",
        "A2" => A2 "Middelzware motor, maximaal vermogen van 35 kilowatt (kW)",
        "AM" => Am "Bromfiets en snorfiets",
        "B" => B "Auto",
        "B+" => BPlus "Auto, eventueel met aanhangwagen van meer dan 750 kg met een maximum van 4250 kg (auto + aanhanger)",
        "C1" => C1 "Lichte vrachtwagen met een maximaal gewicht van 7500 kg, eventueel met aanhangwagen tot 750 kg",
        "C" => C "Vrachtwagen met een gewicht van meer dan 3500 kg, eventueel met aanhangwagen tot 750 kg",
        "D1" => D1 "Bus voor meer dan 8 en maximaal 16 zitplaatsen, exclusief de bestuurder",
        "D" => D "Bus voor meer dan 8 personen, eventueel met aanhangwagen tot 750 kg",
        "BE" => Be "Auto, eventueel met aanhangwagen van meer dan 750 kg met een maximum van 3500 kg (auto + aanhanger)",
        "C1E" => C1e "Lichte vrachtwagen met een maximaal gewicht van 7500 kg, eventueel met aanhangwagen van meer dan 750 kg",
        "CE" => Ce "Vrachtwagen met een gewicht van meer dan 3500 kg, eventueel met aanhangwagen van meer dan 750 kg",
        "D1E" => D1e "Bus voor maximaal 16 personen excl. bestuurder, eventueel met aanhangwagen van meer dan 750 kg",
        "DE" => De "Bus voor meer dan 8 personen, eventueel met aanhangwagen van meer dan 750 kg",
        "T" => T "Trekker",
    }
}

code_list! {
    /// Code type arbeidscontract (`codeTypeArbeidscontract`).
    string TypeArbeidscontract as "codeTypeArbeidscontract" {
        "O" => OnbepaaldeTijd "Onbepaalde tijd",
        "B" => BepaaldeTijd "Bepaalde tijd",
    }
}

code_list! {
    /// Code type overeenkomst (`codeTypeOvereenkomst`).
    string TypeOvereenkomst as "codeTypeOvereenkomst" {
        "01" => ReguliereVacature "Reguliere vacature",
        "02" => Leerbaan "Leerbaan",
        "03" => Vrijwilligerswerk "Vrijwilligerswerk",
        "04" => Werkervaringsplaats "Werkervaringsplaats",
    }
}

code_list! {
    /// Code vervoermiddel (`codeVervoermiddel`).
    integer CodeVervoermiddel as "codeVervoermiddel" {
        1 => Auto "Auto",
        2 => Bromfiets "Bromfiets",
        3 => Fiets "Fiets",
        4 => Motor "Motor",
        5 => OpenbaarVervoer "Openbaar vervoer",
        9 => Anders "Anders",
    }
}

code_list! {
    /// Code webadres: het soort webadres (`codeWebadres`).
    integer CodeWebadres as "codeWebadres" {
        1 => ProfielWerkzoekende "Webadres werkzoekende profiel (profielbeschrijving van de werkzoekende)",
        2 => Cv "Webadres CV (het CV van de werkzoekende)",
        3 => Werkgever "Webadres werkgever",
        4 => OnlineSollicitatieformulier "Webadres online sollicitatieformulier",
    }
}

code_list! {
    /// Code sollicitatiewijze: hoe de werkgever sollicitaties ontvangt (`codeSollicitatiewijze`).
    string CodeSollicitatiewijze as "codeSollicitatiewijze" {
        "1" => PerPost "Per post",
        "2" => PerTelefoon "Per telefoon",
        "3" => PerEmail "Per e-mail",
        "4" => PerOnlineSollicitatieformulier "Per online sollicitatieformulier",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_codes_round_trip_and_reject_unknown_values() {
        let v: IndicatieDiploma = serde_json::from_str("8").unwrap();
        assert_eq!(v, IndicatieDiploma::NietVanToepassing);
        assert_eq!(serde_json::to_string(&v).unwrap(), "8");
        let err = serde_json::from_str::<IndicatieDiploma>("3").unwrap_err();
        assert!(
            err.to_string()
                .contains("3 is not a code of IndicatieDiploma"),
            "{err}"
        );
        assert!(serde_json::from_str::<IndicatieDiploma>("\"1\"").is_err());
    }

    #[test]
    fn string_codes_round_trip_and_reject_unknown_values() {
        let v: SoortRijbewijs = serde_json::from_str("\"B+\"").unwrap();
        assert_eq!(v, SoortRijbewijs::BPlus);
        assert_eq!(serde_json::to_string(&v).unwrap(), "\"B+\"");
        assert_eq!(TypeOvereenkomst::Leerbaan.code(), "02");
        assert!(serde_json::from_str::<WerkEnDenkniveauMinimaal>("3").is_err());
        assert!(serde_json::from_str::<SoortRijbewijs>("\"b\"").is_err());
    }

    #[test]
    fn lists_keep_the_order_and_meanings_of_the_standard() {
        assert_eq!(SoortRijbewijs::ALL.len(), 16);
        assert_eq!(SoortRijbewijs::ALL[5].code(), "B+");
        assert_eq!(WerkEnDenkniveau::NietBekend.value(), 7);
        assert_eq!(StatusOpleiding::Lopend.meaning(), "Lopend");
        assert_eq!(Indicatie::Ja.to_string(), "1 (Ja)");
    }
}
