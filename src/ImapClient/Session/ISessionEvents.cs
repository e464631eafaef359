namespace ImapClient.Session;

/// <summary>Where the session reports what no command claimed. Called on the event dispatcher, never on the reader loop.</summary>
internal interface ISessionEvents
{
    void OnUntaggedResponse(ImapResponse response);

    void OnAlert(string text);

    void OnMailboxSizeChanged(uint exists);

    void OnMessageExpunged(uint sequenceNumber);

    void OnMessagesVanished(ImapVanishedResponse vanished);

    void OnFlagsChanged(FetchedMessage message);

    void OnBye(string text);

    void OnContinuationRequested(string text);

    void OnUnexpectedCompletion(string tag, ImapResponse response);
}
