namespace ImapClient;

/// <summary>The system flags defined by IMAP4rev1.</summary>
[Flags]
public enum SystemFlags
{
    /// <summary>No system flag.</summary>
    None = 0,

    /// <summary><c>\Answered</c>.</summary>
    Answered = 1,

    /// <summary><c>\Flagged</c>.</summary>
    Flagged = 2,

    /// <summary><c>\Deleted</c>.</summary>
    Deleted = 4,

    /// <summary><c>\Seen</c>.</summary>
    Seen = 8,

    /// <summary><c>\Draft</c>.</summary>
    Draft = 16,

    /// <summary><c>\Recent</c> (read-only: the server sets it, a client cannot store it).</summary>
    Recent = 32,
}
