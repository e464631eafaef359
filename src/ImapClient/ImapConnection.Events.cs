using ImapClient.Session;

namespace ImapClient;

/// <summary>Events. Handlers run one at a time, in order, never on the thread that reads the connection, so a handler may await commands on this connection.</summary>
public sealed partial class ImapConnection
{
    /// <summary>An untagged response that no command in flight claimed.</summary>
    public event EventHandler<UntaggedResponseEventArgs>? UntaggedResponse;

    /// <summary>
    /// The server sent an <c>[ALERT]</c>, which must be shown to the user. An alert in the greeting arrives before a
    /// handler can be attached: read it from <see cref="Greeting"/> (its <see cref="ImapStatusResponse.Code"/> and text).
    /// </summary>
    public event EventHandler<AlertEventArgs>? Alert;

    /// <summary>The number of messages in the selected mailbox changed (unsolicited EXISTS).</summary>
    public event EventHandler<MailboxSizeChangedEventArgs>? MailboxSizeChanged;

    /// <summary>A message was expunged from the selected mailbox (unsolicited EXPUNGE).</summary>
    public event EventHandler<MessageExpungedEventArgs>? MessageExpunged;

    /// <summary>Messages were removed, named by UID (unsolicited VANISHED; QRESYNC servers send it instead of EXPUNGE).</summary>
    public event EventHandler<MessagesVanishedEventArgs>? MessagesVanished;

    /// <summary>A message's flags changed (unsolicited FETCH FLAGS).</summary>
    public event EventHandler<FlagsChangedEventArgs>? FlagsChanged;

    /// <summary>The server said BYE.</summary>
    public event EventHandler<ByeEventArgs>? Bye;

    /// <summary>The server sent a continuation request (<c>+</c>).</summary>
    public event EventHandler<ContinuationRequestedEventArgs>? ContinuationRequested;

    /// <summary>
    /// The server completed a tag that no command in flight carries (never sent, or already completed). The response
    /// is dropped after this event and a warning in the log; the connection goes on.
    /// </summary>
    public event EventHandler<UnexpectedCompletionEventArgs>? UnexpectedCompletion;

    /// <summary>An event handler threw; the exception is reported here rather than tearing the connection down.</summary>
    public event EventHandler<EventHandlerFailedEventArgs>? EventHandlerFailed;

    void ISessionEvents.OnUntaggedResponse(ImapResponse response) => UntaggedResponse?.Invoke(this, new(response));

    void ISessionEvents.OnAlert(string text) => Alert?.Invoke(this, new(text));

    void ISessionEvents.OnMessagesVanished(ImapVanishedResponse vanished) => MessagesVanished?.Invoke(this, new(vanished.Uids, vanished.Earlier));

    void ISessionEvents.OnMailboxSizeChanged(uint exists) => MailboxSizeChanged?.Invoke(this, new(exists));

    void ISessionEvents.OnMessageExpunged(uint sequenceNumber) => MessageExpunged?.Invoke(this, new(sequenceNumber));

    void ISessionEvents.OnFlagsChanged(FetchedMessage message) =>
        FlagsChanged?.Invoke(this, new(message.SequenceNumber, message.Uid, message.Flags ?? MessageFlags.Empty));

    void ISessionEvents.OnBye(string text) => Bye?.Invoke(this, new(text));

    void ISessionEvents.OnContinuationRequested(string text) => ContinuationRequested?.Invoke(this, new(text));

    void ISessionEvents.OnUnexpectedCompletion(string tag, ImapResponse response) => UnexpectedCompletion?.Invoke(this, new(tag, response));

    private void OnHandlerFailed(Exception exception) => EventHandlerFailed?.Invoke(this, new(exception));
}
