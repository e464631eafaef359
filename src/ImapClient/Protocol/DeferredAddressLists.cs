using MimeKit;

namespace ImapClient.Protocol;

/// <summary>
/// The six address lists of an envelope as the server sent them (From, Sender, Reply-To, To, Cc, Bcc), checked by the
/// parser and built into MimeKit lists on first read. The bytes are the FETCH result's own copy, so they stay valid.
/// </summary>
internal sealed class DeferredAddressLists(ImapLimits limits, int depth) : DeferredAddressSource
{
    private ReadOnlyMemory<byte> _from;
    private ReadOnlyMemory<byte> _sender;
    private ReadOnlyMemory<byte> _replyTo;
    private ReadOnlyMemory<byte> _to;
    private ReadOnlyMemory<byte> _cc;
    private ReadOnlyMemory<byte> _bcc;

    /// <summary>The bytes of the list at <paramref name="index"/>: 0 From, 1 Sender, 2 Reply-To, 3 To, 4 Cc, 5 Bcc.</summary>
    public ReadOnlyMemory<byte> this[int index]
    {
        get => index switch
        {
            0 => _from,
            1 => _sender,
            2 => _replyTo,
            3 => _to,
            4 => _cc,
            _ => _bcc,
        };
        set
        {
            switch (index)
            {
                case 0: _from = value; break;
                case 1: _sender = value; break;
                case 2: _replyTo = value; break;
                case 3: _to = value; break;
                case 4: _cc = value; break;
                default: _bcc = value; break;
            }
        }
    }

    /// <summary>A new list built from the bytes at <paramref name="index"/>; empty when the envelope had none there.</summary>
    public override InternetAddressList Build(int index)
    {
        var bytes = this[index];
        return bytes.IsEmpty ? [] : EnvelopeParser.ParseDeferred(bytes, limits, depth);
    }
}
