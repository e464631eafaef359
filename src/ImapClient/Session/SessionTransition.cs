namespace ImapClient.Session;

/// <summary>The kinds of state change a command may ask the engine for.</summary>
internal enum SessionTransitionKind
{
    /// <summary>Signed in (LOGIN, AUTHENTICATE succeeded).</summary>
    Authenticated,

    /// <summary>A SELECT or EXAMINE is about to be sent: the engine starts tracking its mailbox.</summary>
    Selecting,

    /// <summary>The SELECT or EXAMINE succeeded.</summary>
    Selected,

    /// <summary>No mailbox is selected any more (CLOSE, UNSELECT, a failed SELECT).</summary>
    Unselected,

    /// <summary>LOGOUT succeeded.</summary>
    LoggedOut,

    /// <summary>STARTTLS or COMPRESS succeeded: the reader stops right after this response, for the transport to change.</summary>
    SwapTransport,
}

/// <summary>A state change a command asks the engine for (see <see cref="ICommandContext.RequestTransition"/>).</summary>
internal readonly record struct SessionTransition(SessionTransitionKind Kind, string? Mailbox = null, bool ReadOnly = false)
{
    public static SessionTransition Authenticated => new(SessionTransitionKind.Authenticated);

    public static SessionTransition Selected => new(SessionTransitionKind.Selected);

    public static SessionTransition Unselected => new(SessionTransitionKind.Unselected);

    public static SessionTransition LoggedOut => new(SessionTransitionKind.LoggedOut);

    public static SessionTransition SwapTransport => new(SessionTransitionKind.SwapTransport);

    /// <summary>SELECT (<paramref name="readOnly"/> false) or EXAMINE of <paramref name="mailbox"/> is being sent.</summary>
    public static SessionTransition Selecting(string mailbox, bool readOnly) => new(SessionTransitionKind.Selecting, mailbox, readOnly);
}
