//! Who is online across instances: for each person, the instances holding at least one of
//! their sockets. A person comes online when the first instance takes one of their sockets
//! and goes offline when the last lets its last one go, each decided by one script, so
//! exactly one instance announces each change.
//!
//! An instance that dies without saying goodbye stops renewing its heartbeat
//! ([`Redis::heartbeat`]); the next instance to look ([`Redis::bury_dead`]) takes its
//! people off, and is told who went offline with it.
//!
//! Keys: `presence:{person}` (hash: instance → 1), `presence-of:{instance}` (set of people),
//! `alive:{instance}` (expires), `instances` (set), all under `fluxstudio:`.

use std::time::Duration;

use redis::Script;

use crate::{
    Redis, Unavailable,
    boards::{BOARD_PREFIX, BURY_BOARDS, boards_of_key},
};

/// Marks the instance holding the person; answers how many instances hold them now. The
/// instance is registered (and alive, unless it already said for how long) as a heartbeat
/// would: if it dies before its next beat, it is still found and its people taken off.
const ARRIVE: &str = r"
redis.call('HSET', KEYS[1], ARGV[1], 1)
redis.call('SADD', KEYS[2], ARGV[2])
redis.call('SET', KEYS[3], 1, 'PX', ARGV[3], 'NX')
redis.call('SADD', KEYS[4], ARGV[1])
return redis.call('HLEN', KEYS[1])
";

/// Unmarks it; answers how many instances still hold the person.
const LEAVE: &str = r"
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('SREM', KEYS[2], ARGV[2])
return redis.call('HLEN', KEYS[1])
";

/// Takes a dead instance's people off; answers those no other instance holds. Run once
/// per dead instance: whoever runs it second finds nothing left.
const BURY: &str = r"
local gone = {}
for _, person in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local key = ARGV[2] .. person
  redis.call('HDEL', key, ARGV[1])
  if redis.call('HLEN', key) == 0 then
    table.insert(gone, person)
  end
end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[1])
return gone
";

/// Replaces the people an instance holds with ARGV[4..] and beats for it; answers
/// `{came, went}`: those no other instance held, and those no instance holds now.
const RESET: &str = r"
local here = {}
for i = 4, #ARGV do here[ARGV[i]] = true end
local went = {}
for _, person in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if not here[person] then
    local key = ARGV[2] .. person
    redis.call('HDEL', key, ARGV[1])
    redis.call('SREM', KEYS[1], person)
    if redis.call('HLEN', key) == 0 then table.insert(went, person) end
  end
end
local came = {}
for i = 4, #ARGV do
  local key = ARGV[2] .. ARGV[i]
  if redis.call('HSET', key, ARGV[1], 1) == 1 and redis.call('HLEN', key) == 1 then
    table.insert(came, ARGV[i])
  end
  redis.call('SADD', KEYS[1], ARGV[i])
end
redis.call('SET', KEYS[2], 1, 'PX', ARGV[3])
redis.call('SADD', KEYS[3], ARGV[1])
return {came, went}
";

/// Renews the instance's heartbeat; answers 1 when Redis did not know it (first beat, or
/// Redis lost its data, or the instance was taken for dead), so it says again whom it holds.
const BEAT: &str = r"
redis.call('SET', KEYS[1], 1, 'PX', ARGV[2])
return redis.call('SADD', KEYS[2], ARGV[1])
";

const PREFIX: &str = "fluxstudio:presence:";
const INSTANCES: &str = "fluxstudio:instances";

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis())
        .unwrap_or(u64::MAX)
        .max(1)
}

fn person_key(person: &str) -> String {
    format!("{PREFIX}{person}")
}

fn people_key(instance: &str) -> String {
    format!("fluxstudio:presence-of:{instance}")
}

fn alive_key(instance: &str) -> String {
    format!("fluxstudio:alive:{instance}")
}

/// Who went with the instances that died.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Buried {
    /// People no instance holds any more: they went offline.
    pub people: Vec<String>,
    /// Projects whose boards they were looking at.
    pub boards: Vec<String>,
}

impl Redis {
    /// `instance` (alive for `lasts` unless it beat already) took its first socket of
    /// `person`: true when no other instance holds one (they came online).
    pub async fn arrived(
        &self,
        instance: &str,
        person: &str,
        lasts: Duration,
    ) -> Result<bool, Unavailable> {
        let script = Script::new(ARRIVE);
        let mut invocation = script.key(person_key(person));
        invocation
            .key(people_key(instance))
            .key(alive_key(instance))
            .key(INSTANCES)
            .arg(instance)
            .arg(person)
            .arg(millis(lasts));
        let held: u64 = self
            .run(async |connection| invocation.invoke_async(connection).await)
            .await?;
        Ok(held == 1)
    }

    /// `instance` let its last socket of `person` go: true when no instance holds one now
    /// (they went offline).
    pub async fn left(&self, instance: &str, person: &str) -> Result<bool, Unavailable> {
        let script = Script::new(LEAVE);
        let mut invocation = script.key(person_key(person));
        invocation
            .key(people_key(instance))
            .arg(instance)
            .arg(person);
        let held: u64 = self
            .run(async |connection| invocation.invoke_async(connection).await)
            .await?;
        Ok(held == 0)
    }

    /// Which of `people` some instance holds.
    pub async fn online(&self, people: &[String]) -> Result<Vec<bool>, Unavailable> {
        if people.is_empty() {
            return Ok(Vec::new());
        }
        let mut pipeline = redis::pipe();
        for person in people {
            pipeline.exists(person_key(person));
        }
        self.run(async |connection| pipeline.query_async(connection).await)
            .await
    }

    /// Says that `instance` (alive for `lasts`) holds exactly `people`, after Redis forgot
    /// it or missed some of its comings and goings; answers who came online and who went
    /// offline with the change.
    pub async fn presence_reset(
        &self,
        instance: &str,
        people: &[String],
        lasts: Duration,
    ) -> Result<(Vec<String>, Vec<String>), Unavailable> {
        let script = Script::new(RESET);
        let mut invocation = script.key(people_key(instance));
        invocation
            .key(alive_key(instance))
            .key(INSTANCES)
            .arg(instance)
            .arg(PREFIX)
            .arg(millis(lasts));
        for person in people {
            invocation.arg(person);
        }
        self.run(async |connection| invocation.invoke_async(connection).await)
            .await
    }

    /// Says `instance` is alive for `lasts`; true when Redis did not know it, and its
    /// people must be marked again.
    pub async fn heartbeat(&self, instance: &str, lasts: Duration) -> Result<bool, Unavailable> {
        let script = Script::new(BEAT);
        let mut invocation = script.key(alive_key(instance));
        invocation.key(INSTANCES).arg(instance).arg(millis(lasts));
        let unknown: u8 = self
            .run(async |connection| invocation.invoke_async(connection).await)
            .await?;
        Ok(unknown == 1)
    }

    /// Takes the people of every instance whose heartbeat stopped off, from presence and
    /// from the boards; answers those who went offline with them and the boards they were
    /// on (each told to exactly one caller).
    pub async fn bury_dead(&self) -> Result<Buried, Unavailable> {
        let instances: Vec<String> = self
            .run(async |connection| {
                redis::cmd("SMEMBERS")
                    .arg(INSTANCES)
                    .query_async(connection)
                    .await
            })
            .await?;
        let mut gone = Buried::default();
        for instance in instances {
            let alive: bool = self
                .run(async |connection| {
                    redis::cmd("EXISTS")
                        .arg(alive_key(&instance))
                        .query_async(connection)
                        .await
                })
                .await?;
            if alive {
                continue;
            }
            tracing::warn!(
                instance,
                "an instance stopped beating: its people are taken off"
            );
            // Boards first: the instance stays listed until its people are taken off too,
            // so a caller that stops between the two leaves the rest to the next.
            let script = Script::new(BURY_BOARDS);
            let mut invocation = script.key(boards_of_key(&instance));
            invocation.arg(&instance).arg(BOARD_PREFIX);
            let boards: Vec<String> = self
                .run(async |connection| invocation.invoke_async(connection).await)
                .await?;
            gone.boards.extend(boards);
            let script = Script::new(BURY);
            let mut invocation = script.key(people_key(&instance));
            invocation.key(INSTANCES).arg(&instance).arg(PREFIX);
            let buried: Vec<String> = self
                .run(async |connection| invocation.invoke_async(connection).await)
                .await?;
            gone.people.extend(buried);
        }
        Ok(gone)
    }
}
