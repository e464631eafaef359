using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace ImapClient.Sasl;

/// <summary>
/// Hash primitives shared by the SASL mechanisms. They use BouncyCastle rather than
/// System.Security.Cryptography because the platform MD5 throws on FIPS-mode systems.
/// </summary>
internal static class SaslCrypto
{
    /// <summary>Length in bytes of an MD5 digest.</summary>
    public const int Md5Length = 16;

    /// <summary>Computes the MD5 digest of <paramref name="data"/>.</summary>
    public static byte[] Md5(ReadOnlySpan<byte> data)
    {
        var digest = new MD5Digest();
        digest.BlockUpdate(data);
        var hash = new byte[Md5Length];
        digest.DoFinal(hash);
        return hash;
    }

    /// <summary>Computes HMAC-MD5 (RFC 2104) of <paramref name="data"/> under <paramref name="key"/>.</summary>
    public static byte[] HmacMd5(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data)
    {
        var hmac = new HMac(new MD5Digest());
        hmac.Init(new KeyParameter(key));
        hmac.BlockUpdate(data);
        var mac = new byte[Md5Length];
        hmac.DoFinal(mac);
        return mac;
    }

    /// <summary>Formats bytes as lowercase hexadecimal, the form every hex-based SASL mechanism requires.</summary>
    public static string ToLowerHex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(data);
}
