//! A thread as a tree of replies, built from `replied_to` links, and its visible rows.
//!
//! Owns the tree shape and tree motions (parent, siblings). Which subtrees are folded is view
//! state kept by the thread pane and passed in; nothing here knows about the screen.

use std::collections::{HashMap, HashSet};

use super::ids::{MessageId, ThreadId};
use super::message::Message;

/// The reply tree of one thread.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Conversation {
    pub thread: Option<ThreadId>,
    roots: Vec<MessageId>,
    children: HashMap<MessageId, Vec<MessageId>>,
    parents: HashMap<MessageId, MessageId>,
}

/// One visible line of the tree: a message, how deep it sits, and the guides drawn before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TreeRow {
    pub id: MessageId,
    pub depth: usize,
    /// For each ancestor level below the root: whether a guide line continues past this row.
    pub continues: Vec<bool>,
    /// Whether this is the last reply of its parent (drawn `└─` rather than `├─`).
    pub is_last: bool,
    /// Replies hidden below this row because it is folded (all descendants).
    pub hidden: usize,
}

impl Conversation {
    /// Builds the tree of `thread` from whatever of its messages are loaded.
    ///
    /// A reply whose parent is not loaded hangs from the starter (or becomes a root when the
    /// starter is missing too), so nothing loaded is ever left out. Siblings are ordered oldest
    /// first.
    pub fn build<'a>(thread: ThreadId, messages: impl IntoIterator<Item = &'a Message>) -> Self {
        let mut ids: Vec<(MessageId, Option<MessageId>)> = messages
            .into_iter()
            .filter(|m| m.thread == thread)
            .map(|m| (m.id, m.replied_to))
            .collect();
        ids.sort_unstable_by_key(|(id, _)| *id);
        ids.dedup_by_key(|(id, _)| *id);
        let present: HashSet<MessageId> = ids.iter().map(|(id, _)| *id).collect();
        let starter = MessageId(thread.0);
        let has_starter = present.contains(&starter);

        let mut tree = Self {
            thread: Some(thread),
            ..Self::default()
        };
        for (id, replied_to) in ids {
            let parent = match replied_to {
                Some(p) if p != id && present.contains(&p) && p < id => Some(p),
                _ if id != starter && has_starter => Some(starter),
                _ => None,
            };
            match parent {
                Some(p) => {
                    tree.children.entry(p).or_default().push(id);
                    tree.parents.insert(id, p);
                }
                None => tree.roots.push(id),
            }
        }
        tree
    }

    /// Whether the tree holds no message.
    pub fn is_empty(&self) -> bool {
        self.roots.is_empty()
    }

    /// The message `id` answers, within this tree.
    pub fn parent(&self, id: MessageId) -> Option<MessageId> {
        self.parents.get(&id).copied()
    }

    /// The replies to `id`, oldest first.
    pub fn children(&self, id: MessageId) -> &[MessageId] {
        self.children.get(&id).map_or(&[], Vec::as_slice)
    }

    /// The messages sharing `id`'s parent (or the roots), `id` included, oldest first.
    pub fn siblings(&self, id: MessageId) -> &[MessageId] {
        match self.parent(id) {
            Some(p) => self.children(p),
            None => &self.roots,
        }
    }

    /// The sibling after (`forward`) or before `id`, if any.
    pub fn sibling(&self, id: MessageId, forward: bool) -> Option<MessageId> {
        let siblings = self.siblings(id);
        let at = siblings.iter().position(|s| *s == id)?;
        if forward {
            siblings.get(at + 1).copied()
        } else {
            at.checked_sub(1).and_then(|i| siblings.get(i).copied())
        }
    }

    /// Every descendant of `id` (not `id` itself).
    pub fn descendant_count(&self, id: MessageId) -> usize {
        let mut count = 0;
        let mut stack: Vec<MessageId> = self.children(id).to_vec();
        while let Some(next) = stack.pop() {
            count += 1;
            stack.extend_from_slice(self.children(next));
        }
        count
    }

    /// The rows to show, depth first, skipping what lies under a folded message.
    pub fn rows(&self, folded: &HashSet<MessageId>) -> Vec<TreeRow> {
        let mut rows = Vec::new();
        // (id, depth, continues-before, is_last); an explicit stack keeps deep trees off the call stack.
        let mut stack: Vec<(MessageId, usize, Vec<bool>, bool)> = Vec::new();
        push_reversed(&mut stack, &self.roots, 0, &[]);
        while let Some((id, depth, continues, is_last)) = stack.pop() {
            let is_folded = folded.contains(&id);
            let hidden = if is_folded {
                self.descendant_count(id)
            } else {
                0
            };
            if !is_folded {
                let mut below = continues.clone();
                if depth > 0 {
                    below.push(!is_last);
                }
                push_reversed(&mut stack, self.children(id), depth + 1, &below);
            }
            rows.push(TreeRow {
                id,
                depth,
                continues,
                is_last,
                hidden,
            });
        }
        rows
    }
}

fn push_reversed(
    stack: &mut Vec<(MessageId, usize, Vec<bool>, bool)>,
    ids: &[MessageId],
    depth: usize,
    continues: &[bool],
) {
    let last = ids.len().saturating_sub(1);
    for (i, id) in ids.iter().enumerate().rev() {
        stack.push((*id, depth, continues.to_vec(), i == last));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::message;

    fn sample() -> Conversation {
        // 1 ─┬─ 2 ── 4
        //    └─ 3
        // 5 answers a message that is not loaded: it hangs from the starter.
        let messages = [
            message(1, 1, None),
            message(2, 1, Some(1)),
            message(3, 1, Some(1)),
            message(4, 1, Some(2)),
            message(5, 1, Some(99)),
        ];
        Conversation::build(ThreadId(1), &messages)
    }

    fn ids(rows: &[TreeRow]) -> Vec<u64> {
        rows.iter().map(|r| r.id.0).collect()
    }

    #[test]
    fn rows_are_depth_first_oldest_first() {
        let rows = sample().rows(&HashSet::new());
        assert_eq!(ids(&rows), [1, 2, 4, 3, 5]);
        let depths: Vec<usize> = rows.iter().map(|r| r.depth).collect();
        assert_eq!(depths, [0, 1, 2, 1, 1]);
        assert!(rows[4].is_last);
        assert!(!rows[1].is_last);
        assert_eq!(rows[2].continues, vec![true]);
    }

    #[test]
    fn folding_hides_the_subtree_and_counts_it() {
        let folded = HashSet::from([MessageId(2)]);
        let rows = sample().rows(&folded);
        assert_eq!(ids(&rows), [1, 2, 3, 5]);
        assert_eq!(rows[1].hidden, 1);
        let all_folded = HashSet::from([MessageId(1)]);
        assert_eq!(sample().rows(&all_folded)[0].hidden, 4);
    }

    #[test]
    fn motions_follow_the_tree() {
        let tree = sample();
        assert_eq!(tree.parent(MessageId(4)), Some(MessageId(2)));
        assert_eq!(tree.parent(MessageId(1)), None);
        assert_eq!(tree.sibling(MessageId(2), true), Some(MessageId(3)));
        assert_eq!(tree.sibling(MessageId(2), false), None);
        assert_eq!(tree.sibling(MessageId(5), true), None);
        assert_eq!(tree.sibling(MessageId(5), false), Some(MessageId(3)));
    }

    #[test]
    fn cycles_and_forward_links_cannot_loop() {
        let messages = [message(10, 10, Some(11)), message(11, 10, Some(10))];
        let tree = Conversation::build(ThreadId(10), &messages);
        assert_eq!(ids(&tree.rows(&HashSet::new())), [10, 11]);
    }

    #[test]
    fn a_deep_chain_does_not_overflow() {
        let messages: Vec<Message> = (1..=5_000)
            .map(|i| message(i, 1, (i > 1).then(|| i - 1)))
            .collect();
        let tree = Conversation::build(ThreadId(1), &messages);
        let rows = tree.rows(&HashSet::new());
        assert_eq!(rows.len(), 5_000);
        assert_eq!(rows.last().map(|r| r.depth), Some(4_999));
    }
}
