//! Tests of adopting an earlier kring's single store into per-account directories.

use super::*;
use crate::store::{DraftTarget, OutboxState, OutboxStore};

const WORK: &str = "https://work.example/api/v1#work";
const TEST: &str = "https://test.example/api/v1#test";
const GONE: &str = "https://gone.example/api/v1#gone";
const ALL: DraftTarget = DraftTarget::NewPost { group_id: None };
const GROUP: DraftTarget = DraftTarget::NewPost { group_id: Some(7) };

struct Dirs {
    _root: tempfile::TempDir,
    old: PathBuf,
    work: PathBuf,
    test: PathBuf,
}

fn dirs() -> Dirs {
    let root = tempfile::tempdir().expect("temp dir");
    let old = root.path().to_path_buf();
    let work = old.join("accounts").join("work");
    let test = old.join("accounts").join("test");
    Dirs {
        _root: root,
        old,
        work,
        test,
    }
}

fn dir_for(dirs: &Dirs) -> impl Fn(&str) -> Option<PathBuf> {
    let (work, test) = (dirs.work.clone(), dirs.test.clone());
    move |key: &str| match key {
        WORK => Some(work.clone()),
        TEST => Some(test.clone()),
        _ => None,
    }
}

/// An old single store with two queued posts and a draft for `work`, one queued post and a
/// draft for `test`, and a draft for an account no longer configured.
fn old_store(dir: &Path) {
    let (mut store, _) = OutboxStore::open(dir).expect("old store");
    store
        .enqueue(WORK, ALL, "work one", &[], 10)
        .expect("enqueue");
    store
        .enqueue(TEST, ALL, "test one", &[], 11)
        .expect("enqueue");
    store
        .enqueue(WORK, GROUP, "work two", &[], 12)
        .expect("enqueue");
    store
        .save_draft(WORK, GROUP, "work draft", 13)
        .expect("draft");
    store
        .save_draft(TEST, GROUP, "test draft", 14)
        .expect("draft");
    store
        .save_draft(GONE, ALL, "gone draft", 15)
        .expect("draft");
}

fn bodies(dir: &Path, key: &str) -> (Vec<String>, Vec<String>) {
    let (store, _) = OutboxStore::open(dir).expect("store");
    let posts = store.list(key).expect("list");
    assert!(
        posts.iter().all(|p| p.state == OutboxState::Queued),
        "{posts:?}"
    );
    let drafts = store.list_drafts(key).expect("drafts");
    (
        posts.into_iter().map(|p| p.body).collect(),
        drafts.into_iter().map(|d| d.body).collect(),
    )
}

#[test]
fn nothing_to_adopt_without_an_old_store() {
    let dirs = dirs();
    let found = adopt_old_store(&dirs.old, &dirs.work, dir_for(&dirs)).expect("adopt");
    assert_eq!(found, None);
    assert!(!dirs.work.exists());
}

#[test]
fn the_old_store_moves_to_the_account_in_use_and_others_get_their_rows() {
    let dirs = dirs();
    old_store(&dirs.old);
    let adoption = adopt_old_store(&dirs.old, &dirs.work, dir_for(&dirs))
        .expect("adopt")
        .expect("something adopted");
    assert!(
        adoption.moved_outbox && adoption.moved_cache,
        "{adoption:?}"
    );
    assert_eq!(adoption.copied, vec![(dirs.test.clone(), 1, 1)]);
    assert_eq!(adoption.unplaced, vec![GONE.to_owned()]);
    assert!(adoption.problems.is_empty(), "{adoption:?}");
    assert!(!dirs.old.join(OUTBOX_FILE).exists());
    assert!(!dirs.old.join(CACHE_FILE).exists());

    let work = bodies(&dirs.work, WORK);
    assert_eq!(work.0, ["work one", "work two"], "in their order");
    assert_eq!(work.1, ["work draft"]);
    assert_eq!(bodies(&dirs.work, TEST), (vec![], vec![]), "moved out");
    let test = bodies(&dirs.test, TEST);
    assert_eq!(
        test,
        (vec!["test one".to_owned()], vec!["test draft".to_owned()])
    );
    assert_eq!(bodies(&dirs.test, WORK), (vec![], vec![]));
    // Kept, where no engine sends it.
    assert_eq!(bodies(&dirs.work, GONE).1, ["gone draft"]);

    // Adopted once: the next start finds nothing.
    let again = adopt_old_store(&dirs.old, &dirs.test, dir_for(&dirs)).expect("adopt");
    assert_eq!(again, None);
}

#[test]
fn copying_twice_never_queues_a_post_twice() {
    let dirs = dirs();
    old_store(&dirs.old);
    let old = dirs.old.join(OUTBOX_FILE);
    single_file(&old, OUTBOX_MIGRATIONS, OUTBOX_FILE).expect("one file");
    assert_eq!(copy_rows(&old, TEST, &dirs.test).expect("copy"), (1, 1));
    // As if the deletion had not happened (a crash between the two files' commits).
    {
        let (mut store, _) = OutboxStore::open(&dirs.old).expect("old store");
        store
            .enqueue(TEST, ALL, "test one", &[], 11)
            .expect("enqueue");
        store
            .save_draft(TEST, GROUP, "test draft", 14)
            .expect("draft");
    }
    single_file(&old, OUTBOX_MIGRATIONS, OUTBOX_FILE).expect("one file");
    assert_eq!(copy_rows(&old, TEST, &dirs.test).expect("copy"), (0, 0));
    assert_eq!(bodies(&dirs.test, TEST).0, ["test one"]);
}

#[test]
fn an_account_that_already_has_an_outbox_gets_a_copy_and_the_old_file_is_kept() {
    let dirs = dirs();
    old_store(&dirs.old);
    std::fs::create_dir_all(&dirs.work).expect("dir");
    {
        let (mut store, _) = OutboxStore::open(&dirs.work).expect("new store");
        store.enqueue(WORK, ALL, "newer", &[], 20).expect("enqueue");
    }
    let adoption = adopt_old_store(&dirs.old, &dirs.work, dir_for(&dirs))
        .expect("adopt")
        .expect("something adopted");
    assert!(
        !adoption.moved_outbox && !adoption.moved_cache,
        "{adoption:?}"
    );
    assert!(dirs.old.join("outbox.sqlite.adopted").exists());
    assert!(!dirs.old.join(OUTBOX_FILE).exists());
    assert_eq!(
        bodies(&dirs.work, WORK).0,
        ["newer", "work one", "work two"]
    );
    assert_eq!(bodies(&dirs.test, TEST).0, ["test one"]);
}
