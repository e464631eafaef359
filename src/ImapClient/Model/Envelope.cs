using MimeKit;

namespace ImapClient;

/// <summary>The ENVELOPE of a message: its main header fields, parsed by the server.</summary>
public sealed class Envelope
{
    // Allocated on first read only: the parser always supplies the lists, so defaults built eagerly would be garbage.
    private InternetAddressList? _from;
    private InternetAddressList? _sender;
    private InternetAddressList? _replyTo;
    private InternetAddressList? _to;
    private InternetAddressList? _cc;
    private InternetAddressList? _bcc;

    /// <summary>
    /// The Date header parsed, or null when absent, unparseable, or impossible as written (a zone beyond 14 hours or
    /// with 60 minutes or more, a four-digit year that is not a real one); <see cref="DateText"/> keeps the text.
    /// </summary>
    public DateTimeOffset? Date { get; init; }

    /// <summary>The Date header as sent, or null.</summary>
    public string? DateText { get; init; }

    /// <summary>The Subject, with RFC 2047 encoded words decoded, or null.</summary>
    public string? Subject { get; init; }

    /// <summary>The From addresses.</summary>
    public InternetAddressList From { get => _from ??= []; init => _from = value; }

    /// <summary>The Sender addresses.</summary>
    public InternetAddressList Sender { get => _sender ??= []; init => _sender = value; }

    /// <summary>The Reply-To addresses.</summary>
    public InternetAddressList ReplyTo { get => _replyTo ??= []; init => _replyTo = value; }

    /// <summary>The To addresses.</summary>
    public InternetAddressList To { get => _to ??= []; init => _to = value; }

    /// <summary>The Cc addresses.</summary>
    public InternetAddressList Cc { get => _cc ??= []; init => _cc = value; }

    /// <summary>The Bcc addresses.</summary>
    public InternetAddressList Bcc { get => _bcc ??= []; init => _bcc = value; }

    /// <summary>The In-Reply-To header, or null.</summary>
    public string? InReplyTo { get; init; }

    /// <summary>The Message-Id header, or null.</summary>
    public string? MessageId { get; init; }
}
