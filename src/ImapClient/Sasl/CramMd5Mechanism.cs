using System.Security.Cryptography;
using System.Text;

namespace ImapClient.Sasl;

/// <summary>The CRAM-MD5 mechanism (RFC 2195).</summary>
internal sealed class CramMd5Mechanism : SaslMechanism
{
    private readonly string _userName;
    private string? _password;

    /// <summary>Creates the mechanism for the given credentials.</summary>
    public CramMd5Mechanism(string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        _userName = userName;
        _password = password;
    }

    /// <inheritdoc/>
    public override string Name => "CRAM-MD5";

    /// <inheritdoc/>
    public override byte[] Respond(ReadOnlySpan<byte> challenge)
    {
        ThrowIfCompleted();

        // RFC 2195 predates SASLprep; UTF-8 is what current servers (Dovecot, Cyrus) hash against.
        var key = Encoding.UTF8.GetBytes(_password!);
        byte[] mac;
        try
        {
            mac = SaslCrypto.HmacMd5(key, challenge);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        // The exchange has a single step, so the password is never needed again.
        _password = null;
        IsCompleted = true;
        return Encoding.UTF8.GetBytes(_userName + " " + SaslCrypto.ToLowerHex(mac));
    }
}
