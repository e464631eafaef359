namespace ImapClient.Session;

/// <summary>
/// The selected mailbox as the reader loop keeps it up to date. Written only on the reader loop; read by others
/// through <see cref="Snapshot"/>, under the lock, so a caller never sees a half-applied response.
/// </summary>
internal sealed class MailboxState(string name, bool examined = false)
{
    private readonly Lock _lock = new();
    private uint _exists;
    private uint _recent;
    private MessageFlags _flags = MessageFlags.Empty;
    private MessageFlags? _permanentFlags;
    private uint? _uidValidity;
    private uint? _uidNext;
    private uint? _firstUnseen;
    private MailboxAccess _access;
    private ulong? _highestModSeq;
    private bool _noModSeq;

    public string Name => name;

    /// <summary>True when the mailbox was opened with EXAMINE, which is read-only whatever the server says.</summary>
    public bool Examined => examined;

    /// <summary>True when commands that change the mailbox (STORE, EXPUNGE, MOVE) must be refused: EXAMINE, or READ-ONLY.</summary>
    public bool IsReadOnly
    {
        get
        {
            lock (_lock)
            {
                return examined || _access == MailboxAccess.ReadOnly;
            }
        }
    }

    public uint Exists
    {
        get
        {
            lock (_lock)
            {
                return _exists;
            }
        }
    }

    /// <summary>Applies an untagged response that describes the mailbox; other responses are ignored.</summary>
    public void Apply(ImapResponse response)
    {
        lock (_lock)
        {
            switch (response)
            {
                case ImapExistsResponse exists:
                    _exists = exists.Count;
                    break;
                case ImapRecentResponse recent:
                    _recent = recent.Count;
                    break;
                case ImapExpungeResponse:
                    _exists = _exists > 0 ? _exists - 1 : 0;
                    break;
                case ImapFlagsResponse flags:
                    _flags = flags.Flags;
                    break;
                case ImapVanishedResponse { Earlier: false } vanished:
                    var removed = vanished.Uids.Ranges.Sum(r => (long)r.End - r.Start + 1);
                    _exists = (uint)Math.Max(0, _exists - removed);
                    break;
                case ImapFetchResponse fetch:
                    ApplyFetch(fetch.Message);
                    break;
                case ImapStatusResponse { Code: { } code }:
                    ApplyCode(code);
                    break;
            }
        }
    }

    /// <summary>
    /// Applies the response code of a tagged OK that concerns the selected mailbox: HIGHESTMODSEQ after EXPUNGE or
    /// STORE (RFC 7162), READ-ONLY or READ-WRITE ending SELECT and EXAMINE, and the other codes that describe the
    /// mailbox (UIDNEXT, UIDVALIDITY, PERMANENTFLAGS, NOMODSEQ, UNSEEN) mean the same tagged as untagged. CLOSED is
    /// the exception: it reports the end of the mailbox left before, only untagged before the new one's data.
    /// </summary>
    public void ApplyCompletion(ImapStatusResponse completion)
    {
        if (completion is { Status: ImapStatus.Ok, Code: { Kind: not ImapResponseCodeKind.Closed } code })
        {
            lock (_lock)
            {
                ApplyCode(code);
            }
        }
    }

    /// <summary>Applies the message data of an untagged FETCH.</summary>
    public void ApplyFetch(FetchedMessage message)
    {
        if (message.ModSeq is not { } modSeq)
        {
            return;
        }

        lock (_lock)
        {
            // A change reported since SELECT moves the mailbox's HIGHESTMODSEQ at least this far.
            if (_highestModSeq is { } highest && modSeq > highest)
            {
                _highestModSeq = modSeq;
            }
        }
    }

    /// <summary>Applies one response code; called under the lock, so a snapshot sees all of it or none.</summary>
    private void ApplyCode(ImapResponseCode code)
    {
        System.Diagnostics.Debug.Assert(_lock.IsHeldByCurrentThread, "ApplyCode runs under the mailbox state's lock.");
        switch (code.Kind)
        {
            case ImapResponseCodeKind.PermanentFlags:
                _permanentFlags = code.Flags;
                break;
            case ImapResponseCodeKind.UidValidity:
                _uidValidity = As32Bit(code.Number);
                break;
            case ImapResponseCodeKind.UidNext:
                _uidNext = As32Bit(code.Number);
                break;
            case ImapResponseCodeKind.Unseen:
                _firstUnseen = As32Bit(code.Number);
                break;
            case ImapResponseCodeKind.ReadOnly:
                _access = MailboxAccess.ReadOnly;
                break;
            case ImapResponseCodeKind.ReadWrite:
                _access = MailboxAccess.ReadWrite;
                break;
            case ImapResponseCodeKind.HighestModSeq:
                _highestModSeq = code.Number;
                break;
            case ImapResponseCodeKind.NoModSeq:
                _noModSeq = true;
                break;
            case ImapResponseCodeKind.Closed:
                // SELECT while selected: what came before was about the mailbox being left, sent after ours was opened.
                _exists = 0;
                _recent = 0;
                _flags = MessageFlags.Empty;
                _permanentFlags = null;
                _uidValidity = null;
                _uidNext = null;
                _firstUnseen = null;
                _access = default;
                _highestModSeq = null;
                _noModSeq = false;
                break;
        }
    }

    /// <summary>A value beyond 32 bits (GreenMail sends one, tolerated by ImapQuirks.InvalidNumbers) is unknown, not truncated.</summary>
    private static uint? As32Bit(ulong? value) => value <= uint.MaxValue ? (uint?)value : null;

    public MailboxInfo Snapshot()
    {
        lock (_lock)
        {
            return new MailboxInfo
            {
                Name = name,
                Exists = _exists,
                Recent = _recent,
                Flags = _flags,
                PermanentFlags = _permanentFlags,
                UidValidity = _uidValidity,
                UidNext = _uidNext,
                FirstUnseen = _firstUnseen,
                Access = _access,
                HighestModSeq = _highestModSeq,
                NoModSeq = _noModSeq,
            };
        }
    }
}
