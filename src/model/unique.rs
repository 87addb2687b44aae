//! Maps read from files refuse a key given twice (serde's maps keep the last value silently, so a
//! hand-edited `"tc1": 14.0, "tc1": 20.0` would score 20 without a word). Used with
//! `#[serde(deserialize_with = …)]` on every map field of the model.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

/// A map whose keys are all different, as a file must write it.
pub struct Unique<K, V>(pub BTreeMap<K, V>);

struct UniqueVisitor<K, V>(PhantomData<(K, V)>);

impl<'de, K, V> Visitor<'de> for UniqueVisitor<K, V>
where
    K: Deserialize<'de> + Ord + fmt::Display,
    V: Deserialize<'de>,
{
    type Value = Unique<K, V>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a map with each key once")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = BTreeMap::new();
        while let Some(key) = map.next_key::<K>()? {
            // One search of the map for each key: where it would go, then it goes there (a large
            // session has 400,000 scores; asking whether each key was there, then inserting it,
            // searched twice).
            match out.entry(key) {
                Entry::Occupied(taken) => {
                    return Err(de::Error::custom(format!("duplicate key \"{}\"", taken.key())));
                }
                Entry::Vacant(place) => {
                    place.insert(map.next_value()?);
                }
            }
        }
        Ok(Unique(out))
    }
}

impl<'de, K, V> Deserialize<'de> for Unique<K, V>
where
    K: Deserialize<'de> + Ord + fmt::Display,
    V: Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(UniqueVisitor(PhantomData))
    }
}

/// A map field whose keys must all differ.
pub fn map<'de, D, K, V>(deserializer: D) -> Result<BTreeMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord + fmt::Display,
    V: Deserialize<'de>,
{
    Unique::deserialize(deserializer).map(|u| u.0)
}

/// A map of maps, keys unique at both levels.
pub fn nested<'de, D, K, L, V>(deserializer: D) -> Result<BTreeMap<K, BTreeMap<L, V>>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord + fmt::Display,
    L: Deserialize<'de> + Ord + fmt::Display,
    V: Deserialize<'de>,
{
    let outer: Unique<K, Unique<L, V>> = Unique::deserialize(deserializer)?;
    Ok(outer.0.into_iter().map(|(k, v)| (k, v.0)).collect())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    #[derive(serde::Deserialize)]
    struct Scores {
        #[serde(deserialize_with = "super::map")]
        scores: BTreeMap<String, u32>,
    }

    fn read(map: &str) -> Result<BTreeMap<String, u32>, String> {
        ron::from_str::<Scores>(&format!("(scores: {{{map}}})"))
            .map(|s| s.scores)
            .map_err(|e| e.code.to_string())
    }

    fn expected(pairs: &[(&str, u32)]) -> BTreeMap<String, u32> {
        pairs.iter().map(|&(k, v)| (k.to_string(), v)).collect()
    }

    #[test]
    fn keys_in_order_or_not_make_the_same_map() {
        let all = expected(&[("tc1", 1), ("tc2", 2), ("tc3", 3)]);
        assert_eq!(read(r#""tc1": 1, "tc2": 2, "tc3": 3"#), Ok(all.clone()));
        assert_eq!(read(r#""tc3": 3, "tc1": 1, "tc2": 2"#), Ok(all.clone()));
        assert_eq!(read(r#""tc1": 1, "tc3": 3, "tc2": 2"#), Ok(all));
        assert_eq!(read(""), Ok(BTreeMap::new()));
    }

    #[test]
    fn a_key_given_twice_is_refused_in_order_or_not() {
        for (map, key) in [
            (r#""tc1": 1, "tc1": 2"#, "tc1"),
            (r#""tc1": 1, "tc2": 2, "tc1": 3"#, "tc1"),
            (r#""tc2": 1, "tc1": 2, "tc2": 3"#, "tc2"),
            (r#""tc2": 1, "tc1": 2, "tc3": 3, "tc1": 4"#, "tc1"),
        ] {
            let error = read(map).expect_err(map);
            assert_eq!(error, format!("duplicate key \"{key}\""), "{map}");
        }
    }
}
