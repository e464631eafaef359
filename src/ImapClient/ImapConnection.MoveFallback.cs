using ImapClient.Commands;

namespace ImapClient;

/// <summary>MOVE for servers without it (RFC 6851 section 3.3): copy, mark deleted, expunge.</summary>
public sealed partial class ImapConnection
{
    private static readonly MessageFlags DeletedFlag = new(SystemFlags.Deleted);

    private async Task<MoveResult> MoveByCopyAsync(
        SequenceSet set, string destination, bool byUid, bool uidExpunge, bool allowPlainExpunge, string api, CancellationToken cancellationToken)
    {
        // The mailbox may have become read-only while the capabilities were asked for (a SELECT in between).
        ThrowIfNotWritable(api);

        // Each step would complete unsent, but a plain EXPUNGE (allowPlainExpunge) needs no set and would be sent.
        if (set.IsEmpty)
        {
            return new MoveResult(CopyResult.None, [], null, originalsMarkedDeleted: false);
        }

        // Every step after the first goes by UID: other tasks' expunges renumber messages between commands, and '*'
        // may gain a message that arrives between COPY and STORE, which would then be deleted without being copied.
        var uids = set;
        if (!byUid || set.HasStar)
        {
            var fetched = await _session.ExecuteAsync(new FetchCommand(set, new FetchRequest(FetchItems.Uid), byUid) { Api = api }, cancellationToken).ConfigureAwait(false);
            var known = fetched.Where(m => m.Uid is not null).Select(m => m.Uid!.Value).ToList();
            if (known.Count == 0)
            {
                return new MoveResult(CopyResult.None, [], null, originalsMarkedDeleted: false);
            }

            uids = SequenceSet.Of(known);
        }

        var copy = await _session.ExecuteAsync(new CopyCommand(uids, destination, byUid: true) { Api = api }, cancellationToken).ConfigureAwait(false);

        // COPYUID names exactly the messages copied; without it, UIDs that no longer exist are harmless to STORE.
        var copied = copy.SourceUids ?? uids;
        await _session.ExecuteAsync(new StoreCommand(copied, StoreAction.Add, DeletedFlag, silent: true, byUid: true) { Api = api }, cancellationToken)
            .ConfigureAwait(false);
        if (!uidExpunge && !allowPlainExpunge)
        {
            return new MoveResult(copy, [], null, originalsMarkedDeleted: true);
        }

        var expunged = await _session.ExecuteAsync(new ExpungeCommand(uidExpunge ? copied : null) { Api = api }, cancellationToken).ConfigureAwait(false);
        return new MoveResult(copy, expunged.SequenceNumbers, expunged.VanishedUids, originalsMarkedDeleted: false);
    }
}
