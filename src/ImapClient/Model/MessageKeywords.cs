namespace ImapClient;

/// <summary>Keywords with a registered meaning (RFC 9051 section 2.3.2, RFC 5788's registry, RFC 8457), for <see cref="MessageFlags"/>.</summary>
public static class MessageKeywords
{
    /// <summary><c>$Forwarded</c>: the message was forwarded.</summary>
    public const string Forwarded = "$Forwarded";

    /// <summary><c>$MDNSent</c>: a message disposition notification (read receipt) was sent for it.</summary>
    public const string MdnSent = "$MDNSent";

    /// <summary><c>$Junk</c>: the user or a filter judged it spam.</summary>
    public const string Junk = "$Junk";

    /// <summary><c>$NotJunk</c>: the user or a filter judged it not spam.</summary>
    public const string NotJunk = "$NotJunk";

    /// <summary><c>$Phishing</c>: it is likely a phishing attempt; a client should warn before following its links.</summary>
    public const string Phishing = "$Phishing";

    /// <summary><c>$Important</c> (RFC 8457): important to the user.</summary>
    public const string Important = "$Important";
}
