namespace ImapClient.Sync;

/// <summary>
/// Brings a client's copy of a mailbox up to date: given the state stored last time, it returns the new messages
/// (with summaries), the flag changes, the removed UIDs, or "UIDVALIDITY changed, start over", and the state to store
/// next. It uses QRESYNC when offered, CONDSTORE next, and a full UID and flag comparison otherwise; the result is
/// the same whichever it used. The mailbox is left selected.
/// </summary>
public sealed class MailboxSynchronizer
{
    private readonly ImapConnection _connection;
    private readonly SyncMethod _method;
    private readonly FetchItems _summaryItems;

    /// <summary>Creates a synchronizer over a signed-in connection.</summary>
    /// <param name="connection">The connection; the synchronizer selects mailboxes on it.</param>
    /// <param name="method">The method to use, or <see cref="SyncMethod.Auto"/> for the best the server offers.</param>
    /// <param name="summaryItems">What to fetch for new messages; UID and FLAGS are always included.</param>
    public MailboxSynchronizer(
        ImapConnection connection, SyncMethod method = SyncMethod.Auto,
        FetchItems summaryItems = FetchItems.Envelope | FetchItems.InternalDate | FetchItems.Size)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _method = method;
        _summaryItems = summaryItems | FetchItems.Uid | FetchItems.Flags;
    }

    /// <summary>Synchronizes <paramref name="mailbox"/> from <paramref name="previous"/>.</summary>
    /// <param name="mailbox">The mailbox to synchronize.</param>
    /// <param name="previous">The state stored last time, or null for a first synchronization (everything is new).</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>What changed, and the state to store.</returns>
    /// <exception cref="NotSupportedException">The method asked for is one the server does not offer.</exception>
    public async Task<MailboxSyncResult> SynchronizeAsync(string mailbox, MailboxSyncState? previous, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(mailbox);
        var method = await ChooseAsync(cancellationToken).ConfigureAwait(false);
        if (method == SyncMethod.Qresync)
        {
            await EnsureQresyncAsync(cancellationToken).ConfigureAwait(false);
        }

        // QRESYNC and CONDSTORE need a MODSEQ to start from; a state without one (taken without CONDSTORE) is compared in full.
        var from = previous?.HighestModSeq is not null ? method : SyncMethod.Full;
        var options = method == SyncMethod.Full ? null
            : from == SyncMethod.Qresync ? new SelectOptions { Qresync = new QresyncState(previous!.UidValidity, previous.HighestModSeq!.Value, KnownUids(previous)) }
            : new SelectOptions { Condstore = true };
        var info = options is null
            ? await _connection.SelectAsync(mailbox, cancellationToken).ConfigureAwait(false)
            : await _connection.SelectAsync(mailbox, options, cancellationToken: cancellationToken).ConfigureAwait(false);

        // A server that sends no UIDVALIDITY is stored as 0, and compared as such.
        if (previous is null || (info.UidValidity ?? 0) != previous.UidValidity)
        {
            return await FirstAsync(method, info, uidValidityChanged: previous is not null, cancellationToken).ConfigureAwait(false);
        }

        var (changed, vanished, current) = from switch
        {
            SyncMethod.Qresync => await FromQresyncAsync(info, previous, cancellationToken).ConfigureAwait(false),
            SyncMethod.Condstore => await FromCondstoreAsync(info, previous, cancellationToken).ConfigureAwait(false),
            _ => await FromFullAsync(info, cancellationToken).ConfigureAwait(false),
        };

        return await FinishAsync(method, info, previous, changed, vanished, current, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SyncMethod> ChooseAsync(CancellationToken cancellationToken)
    {
        var capabilities = await _connection.KnownCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
        var qresync = capabilities.Contains("QRESYNC");
        var condstore = qresync || capabilities.Contains("CONDSTORE");
        return _method switch
        {
            SyncMethod.Auto => qresync && CanEnableQresync() ? SyncMethod.Qresync : condstore ? SyncMethod.Condstore : SyncMethod.Full,
            SyncMethod.Qresync when !qresync => throw new NotSupportedException("The server does not offer QRESYNC."),
            SyncMethod.Qresync when !CanEnableQresync() => throw new InvalidOperationException(
                "QRESYNC must be enabled while no mailbox is selected: synchronize before selecting, or close the mailbox first."),
            SyncMethod.Condstore when !condstore => throw new NotSupportedException("The server does not offer CONDSTORE."),
            _ => _method,
        };
    }

    /// <summary>ENABLE is allowed only while no mailbox is selected (RFC 5161); once enabled it stays.</summary>
    private bool CanEnableQresync() =>
        _connection.EnabledCapabilities.Contains("QRESYNC") || _connection.State == ImapConnectionState.Authenticated;

    private async Task EnsureQresyncAsync(CancellationToken cancellationToken)
    {
        if (!_connection.EnabledCapabilities.Contains("QRESYNC"))
        {
            await _connection.EnableAsync("QRESYNC", cancellationToken).ConfigureAwait(false);
        }
    }

    private static SequenceSet? KnownUids(MailboxSyncState state) => state.Messages.Count == 0 ? null : SequenceSet.Of(state.Messages.Keys);

    /// <summary>Everything is new: a first synchronization, or one after UIDVALIDITY changed.</summary>
    private async Task<MailboxSyncResult> FirstAsync(SyncMethod method, MailboxInfo info, bool uidValidityChanged, CancellationToken cancellationToken)
    {
        var added = info.Exists == 0 ? [] : await _connection.UidFetchAsync(SequenceSet.All, Summaries(method), cancellationToken).ConfigureAwait(false);
        var ordered = added.Where(m => m.Uid is not null).OrderBy(m => m.Uid).ToList();
        var highest = method == SyncMethod.Full ? null : _connection.SelectedMailbox?.HighestModSeq ?? info.HighestModSeq;
        var state = new MailboxSyncState(info.UidValidity ?? 0, highest, ordered.ToDictionary(m => m.Uid!.Value, m => Stored(m.Flags)));
        return new MailboxSyncResult(method, uidValidityChanged, ordered, [], [], state);
    }

    /// <summary>
    /// QRESYNC: the SELECT itself reported the removed UIDs and the changed messages among those held (the known UIDs
    /// were sent, so the server reports only about those); messages above the highest UID held are the new ones.
    /// </summary>
    private async Task<(IReadOnlyList<FetchedMessage>, IEnumerable<uint>, HashSet<uint>?)> FromQresyncAsync(
        MailboxInfo info, MailboxSyncState previous, CancellationToken cancellationToken)
    {
        // The set may span ranges far larger than what the client holds: test what is held against it, never expand it.
        var changes = info.Changes;
        var vanished = changes?.Vanished is { } set ? previous.Messages.Keys.Where(set.Contains).ToList() : [];
        var changed = new List<FetchedMessage>(changes?.Changed ?? []);
        var highestHeld = previous.Messages.Count == 0 ? 0 : previous.Messages.Keys.Max();
        if (info.Exists > 0 && (info.UidNext is null || info.UidNext > highestHeld + 1))
        {
            // "n:*" names the last message even when every UID is below n: only UIDs above the highest held are new.
            var above = await _connection.UidFetchAsync(
                SequenceSet.Range(highestHeld + 1, uint.MaxValue), new FetchRequest(FetchItems.Uid | FetchItems.Flags), cancellationToken).ConfigureAwait(false);
            changed.AddRange(above.Where(m => m.Uid > highestHeld));
        }

        return (changed, vanished, null);
    }

    /// <summary>CONDSTORE: the messages whose MODSEQ moved, and the UID list to find what was removed.</summary>
    private async Task<(IReadOnlyList<FetchedMessage>, IEnumerable<uint>, HashSet<uint>?)> FromCondstoreAsync(
        MailboxInfo info, MailboxSyncState previous, CancellationToken cancellationToken)
    {
        if (info.Exists == 0)
        {
            return ([], previous.Messages.Keys, []);
        }

        var changed = await _connection.UidFetchAsync(
            SequenceSet.All, new FetchRequest(FetchItems.Uid | FetchItems.Flags) { ChangedSince = previous.HighestModSeq }, cancellationToken).ConfigureAwait(false);
        var current = (await _connection.UidSearchAsync(SearchQuery.All, cancellationToken).ConfigureAwait(false)).ToHashSet();
        return (changed, previous.Messages.Keys.Where(uid => !current.Contains(uid)), current);
    }

    /// <summary>No extension: every UID and its flags, compared with the stored state.</summary>
    private async Task<(IReadOnlyList<FetchedMessage>, IEnumerable<uint>, HashSet<uint>?)> FromFullAsync(MailboxInfo info, CancellationToken cancellationToken)
    {
        var all = info.Exists == 0 ? [] : await _connection.UidFetchAsync(SequenceSet.All, new FetchRequest(FetchItems.Uid | FetchItems.Flags), cancellationToken).ConfigureAwait(false);
        var current = all.Where(m => m.Uid is not null).Select(m => m.Uid!.Value).ToHashSet();
        return (all, [], current);
    }

    private async Task<MailboxSyncResult> FinishAsync(
        SyncMethod method, MailboxInfo info, MailboxSyncState previous, IReadOnlyList<FetchedMessage> changed, IEnumerable<uint> vanished,
        HashSet<uint>? current, CancellationToken cancellationToken)
    {
        var messages = new Dictionary<uint, MessageFlags>(previous.Messages);
        var gone = new SortedSet<uint>(vanished.Where(messages.ContainsKey));
        if (current is not null)
        {
            gone.UnionWith(messages.Keys.Where(uid => !current.Contains(uid)));
        }

        foreach (var uid in gone)
        {
            messages.Remove(uid);
        }

        var flagChanges = new List<FlagChange>();
        var newUids = new SortedSet<uint>();
        foreach (var message in changed)
        {
            if (message.Uid is not { } uid || gone.Contains(uid))
            {
                continue;
            }

            var flags = Stored(message.Flags);
            if (!messages.TryGetValue(uid, out var before))
            {
                newUids.Add(uid);
            }
            else if (!before.Equals(flags))
            {
                flagChanges.Add(new FlagChange(uid, flags));
                messages[uid] = flags;
            }
        }

        if (current is not null)
        {
            newUids.UnionWith(current.Where(uid => !messages.ContainsKey(uid)));
        }

        IReadOnlyList<FetchedMessage> added = [];
        if (newUids.Count > 0)
        {
            added = [.. (await _connection.UidFetchAsync(SequenceSet.Of(newUids), Summaries(method), cancellationToken).ConfigureAwait(false))
                .Where(m => m.Uid is { } uid && newUids.Contains(uid)).OrderBy(m => m.Uid)];
            foreach (var message in added)
            {
                messages[message.Uid!.Value] = Stored(message.Flags);
            }
        }

        var highest = _connection.SelectedMailbox?.HighestModSeq ?? info.HighestModSeq;
        var state = new MailboxSyncState(previous.UidValidity, method == SyncMethod.Full ? null : highest ?? previous.HighestModSeq, messages);
        return new MailboxSyncResult(method, false, added, [.. flagChanges.OrderBy(c => c.Uid)], [.. gone], state);
    }

    /// <summary>\Recent belongs to one session, not to the message: kept out of the state, it can never look like a change.</summary>
    private static MessageFlags Stored(MessageFlags? flags) => flags switch
    {
        null => MessageFlags.Empty,
        _ when !flags.Contains(SystemFlags.Recent) => flags,
        _ => new MessageFlags(flags.System & ~SystemFlags.Recent, flags.Keywords),
    };

    private FetchRequest Summaries(SyncMethod method) =>
        new(method == SyncMethod.Full ? _summaryItems : _summaryItems | FetchItems.ModSeq);
}
