namespace ImapClient.Session;

/// <summary>
/// The messages of calls refused before anything was sent: they name the method the caller called (not the IMAP
/// command behind it, which the caller may never have heard of) and what to do first.
/// </summary>
internal static class CallRefusal
{
    private const string SignIn = "sign in first (LoginAsync or AuthenticateAsync)";
    private const string Select = "select a mailbox first (SelectAsync or ExamineAsync)";

    /// <summary>A call made in a state its command may not be sent in; <paramref name="allowed"/> says where it may.</summary>
    public static InvalidOperationException WrongState(string api, Func<ImapConnectionState, bool> allowed, ImapConnectionState state)
    {
        var needsSelected = allowed(ImapConnectionState.Selected) && !allowed(ImapConnectionState.Authenticated);
        var message = state switch
        {
            ImapConnectionState.Logout =>
                $"{api} cannot run: the connection is closed (logged out, or ended by the server or the network). Connect again.",
            ImapConnectionState.NotAuthenticated when needsSelected =>
                $"{api} needs a selected mailbox and the connection is not signed in: {SignIn}, then select a mailbox (SelectAsync or ExamineAsync).",
            ImapConnectionState.NotAuthenticated when allowed(ImapConnectionState.Authenticated) || allowed(ImapConnectionState.Selected) =>
                $"{api} needs a signed-in connection: {SignIn}.",
            ImapConnectionState.Authenticated when needsSelected =>
                $"{api} needs a selected mailbox and none is selected: {Select}.",
            ImapConnectionState.Authenticated or ImapConnectionState.Selected when allowed(ImapConnectionState.NotAuthenticated) =>
                $"{api} is only possible before signing in, and the connection is signed in already.",
            ImapConnectionState.Selected when allowed(ImapConnectionState.Authenticated) =>
                $"{api} is only possible while no mailbox is selected: call it right after signing in, or leave the mailbox first (UnselectAsync or CloseMailboxAsync).",
            _ => $"{api} cannot run in the {state} state.",
        };
        return new InvalidOperationException(message);
    }

    /// <summary>A call that would change a mailbox opened read-only.</summary>
    public static InvalidOperationException ReadOnly(string api, MailboxState mailbox) =>
        new(mailbox.Examined
            ? $"{api} would change the mailbox \"{mailbox.Name}\", which was opened read-only with ExamineAsync; nothing was sent. Open it with SelectAsync to change it."
            : $"{api} would change the mailbox \"{mailbox.Name}\", which the server opened read-only (READ-ONLY): this user may not change it. Nothing was sent.");
}
