namespace ImapClient.Sasl;

/// <summary>The hash functions the SCRAM mechanisms are defined over.</summary>
internal enum SaslHashAlgorithm
{
    /// <summary>SHA-1 (SCRAM-SHA-1, RFC 5802).</summary>
    Sha1,

    /// <summary>SHA-256 (SCRAM-SHA-256, RFC 7677).</summary>
    Sha256,
}
