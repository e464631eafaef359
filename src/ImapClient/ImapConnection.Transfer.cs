using System.Runtime.CompilerServices;
using ImapClient.Commands;

namespace ImapClient;

/// <summary>Copying and moving messages to another mailbox, and expunging them.</summary>
public sealed partial class ImapConnection
{
    /// <summary>Copies messages to another mailbox by sequence number (COPY).</summary>
    /// <param name="messages">The sequence numbers.</param>
    /// <param name="destination">The target mailbox; it must exist (the server answers <c>NO [TRYCREATE]</c> otherwise).</param>
    /// <param name="cancellationToken">Cancels waiting; a command already sent still completes in the background.</param>
    /// <returns>The copies' UIDs when the server reports them (UIDPLUS: <c>[COPYUID …]</c>).</returns>
    /// <exception cref="InvalidOperationException">No mailbox is selected; nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused; nothing was copied.</exception>
    public Task<CopyResult> CopyAsync(SequenceSet messages, string destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        return _session.ExecuteAsync(new CopyCommand(messages, destination, byUid: false), cancellationToken);
    }

    /// <summary>Copies messages to another mailbox by UID (UID COPY).</summary>
    /// <param name="uids">The UIDs; those that no longer exist are skipped.</param>
    /// <param name="destination">The target mailbox; it must exist.</param>
    /// <param name="cancellationToken">Cancels waiting; a command already sent still completes in the background.</param>
    /// <returns>The copies' UIDs when the server reports them (UIDPLUS).</returns>
    /// <exception cref="InvalidOperationException">No mailbox is selected; nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused; nothing was copied.</exception>
    public Task<CopyResult> UidCopyAsync(SequenceSet uids, string destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uids);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        return _session.ExecuteAsync(new CopyCommand(uids, destination, byUid: true), cancellationToken);
    }

    /// <summary>
    /// Moves messages to another mailbox by sequence number: MOVE (RFC 6851, part of IMAP4rev2) when the server offers
    /// it, otherwise copy, mark <c>\Deleted</c> and expunge (see <paramref name="allowPlainExpunge"/>).
    /// </summary>
    /// <remarks>
    /// Without MOVE the messages' UIDs are fetched first and every later step goes by UID, so that expunges by other
    /// tasks in between cannot make it touch other messages: <c>UID COPY</c>, <c>UID STORE +FLAGS.SILENT (\Deleted)</c>,
    /// then <c>UID EXPUNGE</c> of exactly those UIDs when the server offers UIDPLUS. A server with neither MOVE nor
    /// UIDPLUS can only expunge every message marked <c>\Deleted</c>, including ones the caller never meant to remove,
    /// so that is done only when <paramref name="allowPlainExpunge"/> says so; otherwise the originals stay, marked
    /// <c>\Deleted</c>, and <see cref="MoveResult.OriginalsMarkedDeleted"/> is true. When a later step fails, the
    /// copies made by the earlier ones remain.
    /// </remarks>
    /// <param name="messages">The sequence numbers.</param>
    /// <param name="destination">The target mailbox; it must exist.</param>
    /// <param name="allowPlainExpunge">
    /// For servers with neither MOVE nor UIDPLUS: true to finish with EXPUNGE, which also removes any other message of
    /// the mailbox marked <c>\Deleted</c>.
    /// </param>
    /// <param name="cancellationToken">Cancels waiting; a command already sent still completes in the background.</param>
    /// <returns>The copies' UIDs when the server reports them, and the sequence numbers expunged.</returns>
    /// <exception cref="InvalidOperationException">
    /// No mailbox is selected, or it is read-only (EXAMINE, or READ-ONLY from the server); nothing was sent.
    /// </exception>
    /// <exception cref="ImapCommandException">The server refused a step; what earlier steps did remains done.</exception>
    public Task<MoveResult> MoveAsync(
        SequenceSet messages, string destination, bool allowPlainExpunge = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        return MoveAsync(messages, destination, byUid: false, allowPlainExpunge, cancellationToken);
    }

    /// <summary>
    /// Moves messages to another mailbox by UID: UID MOVE (RFC 6851, part of IMAP4rev2) when the server offers it,
    /// otherwise <c>UID COPY</c>, <c>UID STORE +FLAGS.SILENT (\Deleted)</c> and <c>UID EXPUNGE</c> (UIDPLUS), as
    /// <see cref="MoveAsync(SequenceSet, string, bool, CancellationToken)"/> describes.
    /// </summary>
    /// <param name="uids">The UIDs; those that no longer exist are skipped.</param>
    /// <param name="destination">The target mailbox; it must exist.</param>
    /// <param name="allowPlainExpunge">
    /// For servers with neither MOVE nor UIDPLUS: true to finish with EXPUNGE, which also removes any other message of
    /// the mailbox marked <c>\Deleted</c>.
    /// </param>
    /// <param name="cancellationToken">Cancels waiting; a command already sent still completes in the background.</param>
    /// <returns>The copies' UIDs when the server reports them, and the sequence numbers expunged.</returns>
    /// <exception cref="InvalidOperationException">
    /// No mailbox is selected, or it is read-only (EXAMINE, or READ-ONLY from the server); nothing was sent.
    /// </exception>
    /// <exception cref="ImapCommandException">The server refused a step; what earlier steps did remains done.</exception>
    public Task<MoveResult> UidMoveAsync(
        SequenceSet uids, string destination, bool allowPlainExpunge = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uids);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        return MoveAsync(uids, destination, byUid: true, allowPlainExpunge, cancellationToken);
    }

    /// <summary>
    /// Removes every message marked <c>\Deleted</c> from the selected mailbox (EXPUNGE). The selected mailbox's
    /// message count follows; the expunges are reported in the result, not through <see cref="MessageExpunged"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels waiting; a command already sent still completes in the background.</param>
    /// <returns>The sequence numbers the server reported, in order.</returns>
    /// <exception cref="InvalidOperationException">No mailbox is selected, or it is read-only (EXAMINE, or READ-ONLY from the server); nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    public Task<ExpungeResult> ExpungeAsync(CancellationToken cancellationToken = default) =>
        _session.ExecuteAsync(new ExpungeCommand(uids: null), cancellationToken);

    /// <summary>
    /// Removes those of the given messages that are marked <c>\Deleted</c> (UID EXPUNGE, UIDPLUS or IMAP4rev2), and
    /// no others. The expunges are reported in the result, not through <see cref="MessageExpunged"/>.
    /// </summary>
    /// <param name="uids">The UIDs.</param>
    /// <param name="cancellationToken">Cancels waiting; a command already sent still completes in the background.</param>
    /// <returns>The sequence numbers the server reported, in order.</returns>
    /// <exception cref="InvalidOperationException">No mailbox is selected, or it is read-only (EXAMINE, or READ-ONLY from the server); nothing was sent.</exception>
    /// <exception cref="NotSupportedException">
    /// The server offers neither UIDPLUS nor IMAP4rev2; nothing was sent. An empty set is never refused for this: it
    /// completes at once with an empty result.
    /// </exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    public async Task<ExpungeResult> UidExpungeAsync(SequenceSet uids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uids);
        ThrowIfNotWritable();

        // Nothing to remove needs no capability either: no CAPABILITY round trip, no refusal, nothing sent.
        if (uids.IsEmpty)
        {
            return await _session.ExecuteAsync(new ExpungeCommand(uids), cancellationToken).ConfigureAwait(false);
        }

        if (!TransferCapabilities.UidExpunge(await KnownCapabilitiesAsync(cancellationToken).ConfigureAwait(false), _options))
        {
            throw MailboxCapabilities.Missing("UID EXPUNGE", "UIDPLUS");
        }

        return await _session.ExecuteAsync(new ExpungeCommand(uids), cancellationToken).ConfigureAwait(false);
    }

    private async Task<MoveResult> MoveAsync(
        SequenceSet set, string destination, bool byUid, bool allowPlainExpunge, CancellationToken cancellationToken, [CallerMemberName] string api = "")
    {
        // Refused before anything is sent: the fallback's COPY would succeed and leave copies of messages it cannot remove.
        ThrowIfNotWritable(api);

        // An empty set moves nothing with or without MOVE: the command completes unsent, and no CAPABILITY goes first.
        var capabilities = set.IsEmpty ? null : await KnownCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
        if (capabilities is null || TransferCapabilities.Move(capabilities, _options))
        {
            return await _session.ExecuteAsync(new MoveCommand(set, destination, byUid) { Api = api }, cancellationToken).ConfigureAwait(false);
        }

        return await MoveByCopyAsync(set, destination, byUid, TransferCapabilities.UidExpunge(capabilities, _options), allowPlainExpunge, api, cancellationToken)
            .ConfigureAwait(false);
    }
}
