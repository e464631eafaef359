using ImapClient.Commands;

namespace ImapClient;

/// <summary>Selecting a mailbox, fetching and storing.</summary>
public sealed partial class ImapConnection
{
    /// <summary>Selects a mailbox read-write (SELECT).</summary>
    /// <param name="mailbox">The mailbox name, e.g. <c>INBOX</c>; non-ASCII names are encoded as the protocol requires.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The mailbox's state: counts, flags, UIDVALIDITY, UIDNEXT, first unseen, access.</returns>
    /// <exception cref="ImapCommandException">The server refused (e.g. no such mailbox); no mailbox is selected afterwards.</exception>
    /// <exception cref="ArgumentException">The name is empty or holds control characters (CR, LF, NUL …); nothing is sent.</exception>
    public Task<MailboxInfo> SelectAsync(string mailbox, CancellationToken cancellationToken = default)
    {
        Protocol.MailboxName.Validate(mailbox, nameof(mailbox));
        return _session.ExecuteAsync(new SelectCommand(mailbox, readOnly: false), cancellationToken);
    }

    /// <summary>Selects a mailbox read-only (EXAMINE).</summary>
    /// <param name="mailbox">The mailbox name.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The mailbox's state.</returns>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    /// <exception cref="ArgumentException">The name is empty or holds control characters (CR, LF, NUL …); nothing is sent.</exception>
    public Task<MailboxInfo> ExamineAsync(string mailbox, CancellationToken cancellationToken = default)
    {
        Protocol.MailboxName.Validate(mailbox, nameof(mailbox));
        return _session.ExecuteAsync(new SelectCommand(mailbox, readOnly: true), cancellationToken);
    }

    /// <summary>Selects a mailbox with CONDSTORE or QRESYNC parameters (RFC 7162).</summary>
    /// <param name="mailbox">The mailbox name.</param>
    /// <param name="options">CONDSTORE, or the state a QRESYNC resynchronisation starts from.</param>
    /// <param name="readOnly">True for EXAMINE.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The mailbox's state, with HIGHESTMODSEQ; after QRESYNC, <see cref="MailboxInfo.Changes"/> too.</returns>
    /// <exception cref="NotSupportedException">The server does not offer CONDSTORE or QRESYNC; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">QRESYNC parameters before <c>ENABLE QRESYNC</c>; nothing was sent.</exception>
    public async Task<MailboxInfo> SelectAsync(string mailbox, SelectOptions options, bool readOnly = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(mailbox);
        ArgumentNullException.ThrowIfNull(options);
        ThrowIfDisposed();
        if (options.Qresync is not null && !_session.QresyncEnabled)
        {
            throw new InvalidOperationException("SELECT with QRESYNC parameters needs QRESYNC enabled first (ENABLE QRESYNC).");
        }

        if (options.Condstore && !Capabilities.Contains("CONDSTORE") && !Capabilities.Contains("QRESYNC"))
        {
            throw new NotSupportedException("The server does not offer CONDSTORE (RFC 7162).");
        }

        return await _session.ExecuteAsync(new SelectCommand(mailbox, readOnly, options), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fetches data about messages by sequence number (FETCH).</summary>
    /// <param name="messages">The sequence numbers.</param>
    /// <param name="request">What to fetch, e.g. <c>new FetchRequest(FetchItems.Full)</c>.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>One entry per message, in the order the server sent them.</returns>
    public Task<IReadOnlyList<FetchedMessage>> FetchAsync(SequenceSet messages, FetchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(request);
        return _session.ExecuteAsync(new FetchCommand(messages, request, byUid: false), cancellationToken);
    }

    /// <summary>Fetches data about messages by UID (UID FETCH). The UID is always included in the results.</summary>
    /// <param name="uids">The UIDs.</param>
    /// <param name="request">What to fetch.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>One entry per message, in the order the server sent them.</returns>
    public Task<IReadOnlyList<FetchedMessage>> UidFetchAsync(SequenceSet uids, FetchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uids);
        ArgumentNullException.ThrowIfNull(request);
        return _session.ExecuteAsync(new FetchCommand(uids, request, byUid: true), cancellationToken);
    }

    /// <summary>Changes flags by sequence number (STORE).</summary>
    /// <param name="messages">The sequence numbers.</param>
    /// <param name="action">Add, remove or replace.</param>
    /// <param name="flags">The flags and keywords.</param>
    /// <param name="silent">True for <c>.SILENT</c>: the server does not report the new flags.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The updated flags the server reported, per message (empty when silent).</returns>
    public Task<IReadOnlyList<FetchedMessage>> StoreAsync(
        SequenceSet messages, StoreAction action, MessageFlags flags, bool silent = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(flags);
        return _session.ExecuteAsync(new StoreCommand(messages, action, flags, silent, byUid: false), cancellationToken);
    }

    /// <summary>Changes flags by UID (UID STORE).</summary>
    /// <param name="uids">The UIDs.</param>
    /// <param name="action">Add, remove or replace.</param>
    /// <param name="flags">The flags and keywords.</param>
    /// <param name="silent">True for <c>.SILENT</c>.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The updated flags the server reported, per message.</returns>
    public Task<IReadOnlyList<FetchedMessage>> UidStoreAsync(
        SequenceSet uids, StoreAction action, MessageFlags flags, bool silent = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uids);
        ArgumentNullException.ThrowIfNull(flags);
        return _session.ExecuteAsync(new StoreCommand(uids, action, flags, silent, byUid: true), cancellationToken);
    }

    /// <summary>
    /// Changes flags only on messages not modified since <paramref name="unchangedSince"/> (STORE UNCHANGEDSINCE,
    /// RFC 7162): the way to change flags without overwriting another client's change.
    /// </summary>
    /// <param name="messages">The sequence numbers.</param>
    /// <param name="action">Add, remove or replace.</param>
    /// <param name="flags">The flags and keywords.</param>
    /// <param name="unchangedSince">The MODSEQ the caller last saw.</param>
    /// <param name="silent">True for <c>.SILENT</c>.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The messages changed, and the ones left alone because they had changed.</returns>
    /// <exception cref="NotSupportedException">The server does not offer CONDSTORE; nothing was sent.</exception>
    public Task<ConditionalStoreResult> StoreAsync(
        SequenceSet messages, StoreAction action, MessageFlags flags, ulong unchangedSince, bool silent = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(flags);
        return _session.ExecuteAsync(new ConditionalStoreCommand(messages, action, flags, unchangedSince, silent, byUid: false), cancellationToken);
    }

    /// <summary>Changes flags by UID only on messages not modified since <paramref name="unchangedSince"/> (UID STORE UNCHANGEDSINCE).</summary>
    /// <param name="uids">The UIDs.</param>
    /// <param name="action">Add, remove or replace.</param>
    /// <param name="flags">The flags and keywords.</param>
    /// <param name="unchangedSince">The MODSEQ the caller last saw.</param>
    /// <param name="silent">True for <c>.SILENT</c>.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The messages changed, and the UIDs left alone because they had changed.</returns>
    /// <exception cref="NotSupportedException">The server does not offer CONDSTORE; nothing was sent.</exception>
    public Task<ConditionalStoreResult> UidStoreAsync(
        SequenceSet uids, StoreAction action, MessageFlags flags, ulong unchangedSince, bool silent = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uids);
        ArgumentNullException.ThrowIfNull(flags);
        return _session.ExecuteAsync(new ConditionalStoreCommand(uids, action, flags, unchangedSince, silent, byUid: true), cancellationToken);
    }

    /// <summary>
    /// Fetches what changed since a MODSEQ (UID FETCH … (CHANGEDSINCE n [VANISHED]), RFC 7162): the messages whose
    /// MODSEQ is higher and, when <see cref="FetchRequest.Vanished"/> is set (QRESYNC enabled), the UIDs removed since.
    /// </summary>
    /// <param name="uids">The UIDs to look at (usually <c>1:*</c>).</param>
    /// <param name="request">What to fetch; <see cref="FetchRequest.ChangedSince"/> must be set.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The changed messages and the vanished UIDs.</returns>
    public async Task<FetchChanges> UidFetchChangesAsync(SequenceSet uids, FetchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uids);
        ArgumentNullException.ThrowIfNull(request);
        if (request.ChangedSince is null)
        {
            throw new ArgumentException("The request needs ChangedSince.", nameof(request));
        }

        var command = new FetchCommand(uids, request, byUid: true);
        var messages = await _session.ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        return new FetchChanges(messages, command.Vanished);
    }
}
