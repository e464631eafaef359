namespace ImapClient;

/// <summary>The three kinds of namespace NAMESPACE reports (RFC 2342); a kind the server lacks (NIL) is an empty list.</summary>
public sealed class MailboxNamespaces
{
    internal MailboxNamespaces(
        IReadOnlyList<MailboxNamespace> personal, IReadOnlyList<MailboxNamespace> otherUsers, IReadOnlyList<MailboxNamespace> shared)
    {
        Personal = personal;
        OtherUsers = otherUsers;
        Shared = shared;
    }

    /// <summary>The user's own mailboxes.</summary>
    public IReadOnlyList<MailboxNamespace> Personal { get; }

    /// <summary>Other users' mailboxes shared with this user.</summary>
    public IReadOnlyList<MailboxNamespace> OtherUsers { get; }

    /// <summary>Shared (public) mailboxes.</summary>
    public IReadOnlyList<MailboxNamespace> Shared { get; }
}
