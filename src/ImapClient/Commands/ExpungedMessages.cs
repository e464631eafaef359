namespace ImapClient.Commands;

/// <summary>
/// Keeps the messages a command collected for its result true to expunges reported before its completion (EXPUNGE,
/// or VANISHED under QRESYNC): a removed message leaves the result, and the sequence numbers of the rest move down as
/// the server's numbering did. Servers may expunge during UID FETCH and UID STORE (RFC 9051 section 7.5.1); a result
/// with stale numbers would make a later command by those numbers hit other messages.
/// </summary>
internal static class ExpungedMessages
{
    /// <summary>Applies one removal to <paramref name="messages"/>; true when any message left or was renumbered.</summary>
    public static bool Apply(List<FetchedMessage> messages, ImapResponse removal) => removal switch
    {
        ImapExpungeResponse expunge => ApplyExpunge(messages, expunge.SequenceNumber),
        ImapVanishedResponse { Earlier: false } vanished => ApplyVanished(messages, vanished.Uids),
        _ => false,
    };

    /// <summary>The message at that number is gone; every later one moves down by one.</summary>
    private static bool ApplyExpunge(List<FetchedMessage> messages, uint sequenceNumber)
    {
        var changed = messages.RemoveAll(m => m.SequenceNumber == sequenceNumber) > 0;
        foreach (var message in messages)
        {
            if (message.SequenceNumber > sequenceNumber)
            {
                message.SequenceNumber--;
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>
    /// The messages with those UIDs are gone. UIDs ascend with sequence numbers, so each remaining message moves down by
    /// the number of vanished UIDs below its own (a message without a UID in the result cannot be placed and stays).
    /// </summary>
    private static bool ApplyVanished(List<FetchedMessage> messages, SequenceSet uids)
    {
        var changed = messages.RemoveAll(m => m.Uid is { } uid && uids.Contains(uid)) > 0;
        foreach (var message in messages)
        {
            if (message.Uid is not { } uid)
            {
                continue;
            }

            var below = 0L;
            foreach (var (start, end) in uids.Ranges)
            {
                if (start < uid)
                {
                    below += (long)Math.Min(end, uid - 1) - start + 1;
                }
            }

            if (below > 0)
            {
                message.SequenceNumber = (uint)Math.Max(1, message.SequenceNumber - below);
                changed = true;
            }
        }

        return changed;
    }
}
