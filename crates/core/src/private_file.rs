//! Files of the user's: created in a directory only its owner can enter (0700), readable by the
//! owner only (0600), replaced atomically (temp file beside it, fsync, rename, directory fsync),
//! and changed under an OS file lock so that several processes sharing a config directory never
//! lose each other's updates (the in-process mutexes alone cannot see other processes).
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Creates `dir` (and its parents) if needed; a directory created here is 0700.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Replaces `path` with `bytes`, atomically, as a 0600 file.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp: PathBuf = dir.join(format!(".{name}.tmp-{}-{n}", std::process::id()));
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|()| fs::rename(&tmp, path)) {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    // The rename itself is durable only once the directory entry is (Unix; a no-op elsewhere).
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// An exclusive lock on a lock file, held until dropped; other processes (and other handles in
/// this one) wait for it.
#[derive(Debug)]
pub struct FileLock {
    _file: fs::File,
}

impl FileLock {
    /// Takes the lock on `path` (created, 0600, if missing), waiting for it.
    pub fn exclusive(path: &Path) -> io::Result<FileLock> {
        if let Some(dir) = path.parent() {
            create_private_dir(dir)?;
        }
        let mut options = fs::OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(path)?;
        file.lock()?;
        Ok(FileLock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_files_and_directories() {
        let dir = std::env::temp_dir().join(format!("llm-native-private-{}", std::process::id()));
        let file = dir.join("sub").join("a.json");
        write_private(&file, b"one").unwrap();
        write_private(&file, b"two").unwrap();
        assert_eq!(fs::read(&file).unwrap(), b"two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&file), 0o600);
            assert_eq!(mode(&dir.join("sub")), 0o700);
        }
        // A second lock on the same file waits until the first is dropped.
        let lock = dir.join(".lock");
        let first = FileLock::exclusive(&lock).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let l2 = lock.clone();
        let t = std::thread::spawn(move || {
            let _second = FileLock::exclusive(&l2).unwrap();
            tx.send(()).unwrap();
        });
        assert!(rx
            .recv_timeout(std::time::Duration::from_millis(200))
            .is_err());
        drop(first);
        rx.recv_timeout(std::time::Duration::from_secs(5)).unwrap();
        t.join().unwrap();
        fs::remove_dir_all(&dir).unwrap();
    }
}
