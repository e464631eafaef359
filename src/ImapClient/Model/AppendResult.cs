namespace ImapClient;

/// <summary>What APPEND reported: the new message's UID when the server supports UIDPLUS (RFC 4315).</summary>
public sealed class AppendResult
{
    internal AppendResult(uint? uidValidity, uint? uid)
    {
        UidValidity = uidValidity;
        Uid = uid;
    }

    /// <summary>The UIDVALIDITY of the target mailbox, from <c>[APPENDUID …]</c>; null when the server did not say.</summary>
    public uint? UidValidity { get; }

    /// <summary>The UID the message got, from <c>[APPENDUID …]</c>; null when the server did not say.</summary>
    public uint? Uid { get; }
}
