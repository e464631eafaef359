using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace ImapClient;

/// <summary>The system flags defined by IMAP4rev1. System.Text.Json writes them by name, e.g. <c>"Flagged, Seen"</c>.</summary>
[Flags]
[SuppressMessage("Naming", "CA1711", Justification = "Public API: IMAP's own name for these (RFC 3501 \"system flags\").")]
[JsonConverter(typeof(JsonStringEnumConverter<SystemFlags>))]
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
