using MimeKit;

namespace ImapClient;

/// <summary>The ENVELOPE of a message: its main header fields, parsed by the server.</summary>
public sealed class Envelope
{
    /// <summary>The Date header parsed, or null when absent or unparseable (see <see cref="DateText"/>).</summary>
    public DateTimeOffset? Date { get; init; }

    /// <summary>The Date header as sent, or null.</summary>
    public string? DateText { get; init; }

    /// <summary>The Subject, with RFC 2047 encoded words decoded, or null.</summary>
    public string? Subject { get; init; }

    /// <summary>The From addresses.</summary>
    public InternetAddressList From { get; init; } = [];

    /// <summary>The Sender addresses.</summary>
    public InternetAddressList Sender { get; init; } = [];

    /// <summary>The Reply-To addresses.</summary>
    public InternetAddressList ReplyTo { get; init; } = [];

    /// <summary>The To addresses.</summary>
    public InternetAddressList To { get; init; } = [];

    /// <summary>The Cc addresses.</summary>
    public InternetAddressList Cc { get; init; } = [];

    /// <summary>The Bcc addresses.</summary>
    public InternetAddressList Bcc { get; init; } = [];

    /// <summary>The In-Reply-To header, or null.</summary>
    public string? InReplyTo { get; init; }

    /// <summary>The Message-Id header, or null.</summary>
    public string? MessageId { get; init; }
}
