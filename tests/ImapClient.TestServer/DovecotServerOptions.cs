namespace ImapClient.TestServer;

/// <summary>How <see cref="DovecotServer.StartAsync"/> configures the private Dovecot instance.</summary>
public sealed class DovecotServerOptions
{
    /// <summary>The default accounts: the RFC 3501 example's <c>mrc</c> and a second user for isolation tests.</summary>
    public static IReadOnlyDictionary<string, string> DefaultUsers { get; } = new Dictionary<string, string>
    {
        ["mrc"] = "secret",
        ["testuser"] = "testpass",
    };

    /// <summary>User name to plaintext password. Names should be lower case: logins are lower-cased (<c>%Ln</c>).</summary>
    public IReadOnlyDictionary<string, string> Users { get; init; } = DefaultUsers;

    /// <summary>
    /// Adds the special-use mailboxes a mail client expects (RFC 6154): Sent and Drafts, created and subscribed at
    /// the first login; Trash, created; Junk and Archive, special-use once someone creates them. Off by default, so
    /// that a user's mailboxes are only the ones seeded.
    /// </summary>
    public bool SpecialUseMailboxes { get; init; }

    /// <summary>Offers COMPRESS=DEFLATE (Dovecot's imap_zlib plugin). Off by default.</summary>
    public bool Compression { get; init; }

    /// <summary>Adds a public namespace, prefix <c>Public/</c>, shared by all users. Off by default.</summary>
    public bool PublicNamespace { get; init; }

    /// <summary>Dovecot configuration lines appended to the generated dovecot.conf; later settings win.</summary>
    public string? ExtraConfig { get; init; }

    /// <summary>
    /// When true, <see cref="ExtraConfig"/> goes into its own file <c>local.conf</c> pulled in with <c>!include</c>,
    /// which keeps the generated file untouched for diffing; otherwise it is appended inline.
    /// </summary>
    public bool WriteExtraConfigAsFragment { get; init; }

    /// <summary>
    /// POSIX TZ value for the server, which decides the zone INTERNALDATE is shown in. UTC by default so that
    /// responses do not depend on the machine running the tests.
    /// </summary>
    public string TimeZone { get; init; } = "UTC0";

    /// <summary>How long to wait for the first greeting.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
