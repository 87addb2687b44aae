//! Maps read from files refuse a key given twice (serde's maps keep the last value silently, so a
//! hand-edited `"tc1": 14.0, "tc1": 20.0` would score 20 without a word). Used with
//! `#[serde(deserialize_with = …)]` on every map field of the model.

use std::collections::BTreeMap;
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
            if out.contains_key(&key) {
                return Err(de::Error::custom(format!("duplicate key \"{key}\"")));
            }
            let value = map.next_value()?;
            out.insert(key, value);
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
