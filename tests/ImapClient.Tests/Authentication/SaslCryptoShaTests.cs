using System.Security.Cryptography;
using System.Text;
using ImapClient.Sasl;

namespace ImapClient.Tests.Authentication;

public class SaslCryptoShaTests
{
    // FIPS 180-2 appendix examples.
    [TestCase("SHA-1", "a9993e364706816aba3e25717850c26c9cd0d89d")]
    [TestCase("SHA-256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    public void Hash_matches_the_abc_vectors(string hash, string expected) =>
        Assert.That(SaslCrypto.ToLowerHex(SaslCrypto.Hash(Algorithm(hash), "abc"u8)), Is.EqualTo(expected));

    // RFC 2202 test case 2 (HMAC-SHA-1) and RFC 4231 test case 2 (HMAC-SHA-256).
    [TestCase("SHA-1", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")]
    [TestCase("SHA-256", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")]
    public void Hmac_matches_the_RFC_vectors(string hash, string expected) =>
        Assert.That(
            SaslCrypto.ToLowerHex(SaslCrypto.Hmac(Algorithm(hash), "Jefe"u8, "what do ya want for nothing?"u8)),
            Is.EqualTo(expected));

    // RFC 6070 for PBKDF2-HMAC-SHA1; the SHA-256 values are the widely published equivalents.
    [TestCase("SHA-1", 1, "0c60c80f961f0e71f3a9b524af6012062fe037a6")]
    [TestCase("SHA-1", 2, "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957")]
    [TestCase("SHA-1", 4096, "4b007901b765489abead49d926f721d065a429c1")]
    [TestCase("SHA-256", 1, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b")]
    [TestCase("SHA-256", 2, "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43")]
    [TestCase("SHA-256", 4096, "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a")]
    public void Hi_matches_the_PBKDF2_vectors(string hash, int iterations, string expected) =>
        Assert.That(SaslCrypto.ToLowerHex(SaslCrypto.Hi(Algorithm(hash), "password"u8, "salt"u8, iterations)), Is.EqualTo(expected));

    [TestCase("SHA-1", "")]
    [TestCase("SHA-256", "")]
    [TestCase("SHA-1", "a password longer than the sixty-four byte block of the hash function, so it is hashed")]
    [TestCase("SHA-256", "a password longer than the sixty-four byte block of the hash function, so it is hashed")]
    public void Hi_agrees_with_the_platform_PBKDF2(string hash, string password)
    {
        var algorithm = Algorithm(hash);
        var name = algorithm == SaslHashAlgorithm.Sha1 ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256;
        var salt = "NaCl-and-more-salt"u8.ToArray();
        var expected = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, 1000, name, SaslCrypto.HashLength(algorithm));

        Assert.That(SaslCrypto.Hi(algorithm, Encoding.UTF8.GetBytes(password), salt, 1000), Is.EqualTo(expected));
    }

    [Test]
    public void Hi_rejects_a_non_positive_iteration_count() =>
        Assert.That(() => SaslCrypto.Hi(SaslHashAlgorithm.Sha1, "p"u8.ToArray(), "s"u8.ToArray(), 0), Throws.TypeOf<ArgumentOutOfRangeException>());

    [Test]
    public void Hash_lengths()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SaslCrypto.HashLength(SaslHashAlgorithm.Sha1), Is.EqualTo(20));
            Assert.That(SaslCrypto.HashLength(SaslHashAlgorithm.Sha256), Is.EqualTo(32));
        });
    }

    private static SaslHashAlgorithm Algorithm(string hash) => hash == "SHA-1" ? SaslHashAlgorithm.Sha1 : SaslHashAlgorithm.Sha256;
}
