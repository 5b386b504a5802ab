//! Who is looking at which board across instances: for each project, the people each
//! instance has on its board. Every change answers the whole list with a version taken in
//! the same script, so a client that hears two lists out of order (they travel from
//! different instances) keeps the newer.
//!
//! An instance that dies is taken off with its people ([`Redis::bury_dead`] runs
//! [`BURY_BOARDS`]); one that Redis forgot, or that could not reach it for a while, says
//! again what it holds ([`Redis::boards_reset`]).
//!
//! Keys: `board:{project}` (hash: `{instance}/{person}` → name), `board-version:{project}`,
//! `boards-of:{instance}` (set of projects), all under `fluxstudio:`.

use std::collections::BTreeMap;

use redis::Script;

use crate::{Redis, Unavailable};

/// Ends every board script: takes the next version (Redis's clock in microseconds, and
/// always past the last one, so it still grows after the key expired or Redis forgot it)
/// and answers it with the list, `{version, field, name, field, name, …}`. Written with
/// `%.0f`: Lua's own `tostring` would round a 16-digit number to 14.
macro_rules! answer_board {
    () => {
        r"
local now = redis.call('TIME')
local version = string.format('%.0f', math.max(tonumber(now[1]) * 1000000 + tonumber(now[2]),
                                               tonumber(redis.call('GET', KEYS[2]) or '0') + 1))
redis.call('SET', KEYS[2], version, 'EX', 86400)
local answer = redis.call('HGETALL', KEYS[1])
table.insert(answer, 1, version)
return answer
"
    };
}

/// Puts a person on a board from an instance.
const ENTER: &str = concat!(
    r"
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('SADD', KEYS[3], ARGV[3])
",
    answer_board!()
);

/// Takes a person off a board from an instance; ARGV[3] names the project when the
/// instance has no one left on it.
const LEAVE: &str = concat!(
    r"
redis.call('HDEL', KEYS[1], ARGV[1])
if ARGV[2] ~= '' then redis.call('SREM', KEYS[3], ARGV[2]) end
",
    answer_board!()
);

/// Answers the list as it is, under a new version.
const LOOK: &str = answer_board!();

/// Removes every entry of the instance ARGV[1] from the boards of the set KEYS[1], given
/// the key prefix ARGV[2]; `touched` collects those boards. Shared by the reset and the
/// burial of an instance.
macro_rules! forget_instance {
    () => {
        r"
local touched = {}
local mine = ARGV[1] .. '/'
for _, project in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local board = ARGV[2] .. project
  for _, field in ipairs(redis.call('HKEYS', board)) do
    if string.sub(field, 1, #mine) == mine then redis.call('HDEL', board, field) end
  end
  touched[project] = true
end
redis.call('DEL', KEYS[1])
"
    };
}

/// Replaces what an instance holds with the triples `project, person, name` from ARGV[3];
/// answers the boards that may have changed.
const RESET: &str = concat!(
    forget_instance!(),
    r"
for i = 3, #ARGV, 3 do
  redis.call('HSET', ARGV[2] .. ARGV[i], ARGV[1] .. '/' .. ARGV[i + 1], ARGV[i + 2])
  redis.call('SADD', KEYS[1], ARGV[i])
  touched[ARGV[i]] = true
end
local answer = {}
for project in pairs(touched) do table.insert(answer, project) end
return answer
"
);

/// Takes a dead instance off every board it was on; answers those boards.
pub(crate) const BURY_BOARDS: &str = concat!(
    forget_instance!(),
    r"
local answer = {}
for project in pairs(touched) do table.insert(answer, project) end
return answer
"
);

pub(crate) const BOARD_PREFIX: &str = "fluxstudio:board:";

fn board_key(project: &str) -> String {
    format!("{BOARD_PREFIX}{project}")
}

fn version_key(project: &str) -> String {
    format!("fluxstudio:board-version:{project}")
}

pub(crate) fn boards_of_key(instance: &str) -> String {
    format!("fluxstudio:boards-of:{instance}")
}

/// Who is looking at a board, under the version that orders the lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Board {
    pub version: u64,
    /// `(person, name)`, one per person however many instances have them, by name.
    pub viewers: Vec<(String, String)>,
}

impl Board {
    /// Reads a script's answer: the version, then the hash's fields and values.
    fn from_answer(answer: Vec<String>) -> Self {
        let mut answer = answer.into_iter();
        let version = answer.next().and_then(|v| v.parse().ok()).unwrap_or(0);
        let mut people = BTreeMap::new();
        while let (Some(field), Some(name)) = (answer.next(), answer.next()) {
            if let Some((_, person)) = field.split_once('/') {
                people.insert(person.to_owned(), name);
            }
        }
        let mut viewers: Vec<(String, String)> = people.into_iter().collect();
        viewers.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
        Board { version, viewers }
    }
}

impl Redis {
    /// `instance` has `person` (called `name`) on the board of `project`.
    pub async fn board_enter(
        &self,
        instance: &str,
        project: &str,
        person: &str,
        name: &str,
    ) -> Result<Board, Unavailable> {
        self.board_change(ENTER, instance, project, person, &[name, project])
            .await
    }

    /// `instance` no longer has `person` on the board of `project`; `last_here` when it
    /// has no one left on it.
    pub async fn board_leave(
        &self,
        instance: &str,
        project: &str,
        person: &str,
        last_here: bool,
    ) -> Result<Board, Unavailable> {
        let emptied = if last_here { project } else { "" };
        self.board_change(LEAVE, instance, project, person, &[emptied])
            .await
    }

    /// Runs `script` on one instance's entry for `person` on the board of `project`
    /// (keys: the board, its version, the instance's boards; arguments: the entry's field,
    /// then `more`).
    async fn board_change(
        &self,
        script: &str,
        instance: &str,
        project: &str,
        person: &str,
        more: &[&str],
    ) -> Result<Board, Unavailable> {
        let script = Script::new(script);
        let mut invocation = script.key(board_key(project));
        invocation
            .key(version_key(project))
            .key(boards_of_key(instance))
            .arg(format!("{instance}/{person}"));
        for argument in more {
            invocation.arg(*argument);
        }
        self.board_answer(invocation).await
    }

    /// Who is looking at the board of `project`, under a new version.
    pub async fn board_look(&self, project: &str) -> Result<Board, Unavailable> {
        let script = Script::new(LOOK);
        let mut invocation = script.key(board_key(project));
        invocation.key(version_key(project));
        self.board_answer(invocation).await
    }

    /// Replaces everything `instance` has on boards with `held` (`project, person, name`);
    /// answers the projects whose lists may have changed.
    pub async fn boards_reset(
        &self,
        instance: &str,
        held: &[(String, String, String)],
    ) -> Result<Vec<String>, Unavailable> {
        let script = Script::new(RESET);
        let mut invocation = script.key(boards_of_key(instance));
        invocation.arg(instance).arg(BOARD_PREFIX);
        for (project, person, name) in held {
            invocation.arg(project).arg(person).arg(name);
        }
        self.run(async |connection| invocation.invoke_async(connection).await)
            .await
    }

    async fn board_answer(
        &self,
        invocation: redis::ScriptInvocation<'_>,
    ) -> Result<Board, Unavailable> {
        let answer: Vec<String> = self
            .run(async |connection| invocation.invoke_async(connection).await)
            .await?;
        Ok(Board::from_answer(answer))
    }
}
