using MimeKit;

namespace ImapClient;

/// <summary>The ENVELOPE of a message: its main header fields, parsed by the server.</summary>
public sealed class Envelope
{
    // Allocated on first read only: the parser always supplies the lists, so defaults built eagerly would be garbage.
    // A FETCH result's envelope keeps each list as the server's bytes (already checked) and builds it on first read.
    private readonly DeferredAddressSource? _deferred;
    private InternetAddressList? _from;
    private InternetAddressList? _sender;
    private InternetAddressList? _replyTo;
    private InternetAddressList? _to;
    private InternetAddressList? _cc;
    private InternetAddressList? _bcc;

    /// <summary>Creates an envelope whose values are all set by initializers.</summary>
    public Envelope()
    {
    }

    internal Envelope(DeferredAddressSource deferred) => _deferred = deferred;

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
    public InternetAddressList From { get => _from ?? Build(ref _from, 0); init => _from = value; }

    /// <summary>The Sender addresses.</summary>
    public InternetAddressList Sender { get => _sender ?? Build(ref _sender, 1); init => _sender = value; }

    /// <summary>The Reply-To addresses.</summary>
    public InternetAddressList ReplyTo { get => _replyTo ?? Build(ref _replyTo, 2); init => _replyTo = value; }

    /// <summary>The To addresses.</summary>
    public InternetAddressList To { get => _to ?? Build(ref _to, 3); init => _to = value; }

    /// <summary>The Cc addresses.</summary>
    public InternetAddressList Cc { get => _cc ?? Build(ref _cc, 4); init => _cc = value; }

    /// <summary>The Bcc addresses.</summary>
    public InternetAddressList Bcc { get => _bcc ?? Build(ref _bcc, 5); init => _bcc = value; }

    /// <summary>The In-Reply-To header, or null.</summary>
    public string? InReplyTo { get; init; }

    /// <summary>The Message-Id header, or null.</summary>
    public string? MessageId { get; init; }

    /// <summary>Whether From, To and Cc are built (tests: proof that they were built on arrival).</summary>
    internal bool HasListedAddresses => _from is not null && _to is not null && _cc is not null;

    /// <summary>Builds a list on its first read, once, from any thread (a list the caller got is the one it keeps).</summary>
    private InternetAddressList Build(ref InternetAddressList? field, int index)
    {
        var list = _deferred?.Build(index) ?? [];
        return Interlocked.CompareExchange(ref field, list, null) ?? list;
    }
}
