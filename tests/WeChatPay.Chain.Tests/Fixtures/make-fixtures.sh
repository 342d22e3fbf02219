#!/usr/bin/env bash
# Regenerates the known-answer fixtures with tools independent of WeChatPay.Chain: openssl and Python `cryptography`.
# The keys are test keys, published: the merchant and platform key pairs are those the test kit
# (src/WeChatPay.Chain.Testing/Keys) ships, written there. Run from this folder; commit the outputs.
set -euo pipefail
cd "$(dirname "$0")"
keys=../../../src/WeChatPay.Chain.Testing/Keys

# A self-signed certificate valid from 2000 to the end of 2099 (or of the year given), so that tests with a frozen clock
# (1700000000 is 2023) find the platform certificates within their validity period, as a client requires:
# self_signed KEY SUBJECT SERIAL OUT [rsa|sm2] [LAST_YEAR] [FIRST_YEAR].
self_signed() {
  local until="${6:-2099}1231235959Z" from="${7:-2000}0101000000Z"
  local ca; ca=$(mktemp -d)
  touch "$ca/index.txt"
  echo "$3" > "$ca/serial"
  printf '[ca]\ndefault_ca=d\n[d]\ndatabase=%s/index.txt\nnew_certs_dir=%s\nserial=%s/serial\npolicy=p\nunique_subject=no\n[p]\ncommonName=supplied\norganizationName=optional\n' "$ca" "$ca" "$ca" > "$ca/ca.cnf"
  if [ "${5:-}" = sm2 ]; then
    # The request is signed without a distid, which is what openssl ca checks it with; the certificate with one.
    openssl req -new -key "$1" -subj "$2" -sm3 -out "$ca/req.csr"
    openssl ca -batch -notext -config "$ca/ca.cnf" -selfsign -keyfile "$1" -in "$ca/req.csr" -md sm3 -sigopt distid:1234567812345678 \
      -startdate "$from" -enddate "$until" -out "$4" 2>/dev/null
  else
    openssl req -new -key "$1" -subj "$2" -out "$ca/req.csr"
    openssl ca -batch -notext -config "$ca/ca.cnf" -selfsign -keyfile "$1" -in "$ca/req.csr" -md sha256 \
      -startdate "$from" -enddate "$until" -out "$4" 2>/dev/null
  fi
  rm -rf "$ca"
}

# Merchant key pair (PKCS#8 and PKCS#1 forms of the same key) and its self-signed certificate.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out $keys/merchant_key.pem 2>/dev/null
cp $keys/merchant_key.pem merchant_key.pem
openssl rsa -in merchant_key.pem -traditional -out merchant_key_pkcs1.pem 2>/dev/null
openssl req -new -x509 -key merchant_key.pem -days 3650 -subj "/CN=1900000001/O=Test Merchant" \
  -set_serial 0x3775B6A45ACDEF1234567890ABCDEF1234567890 -out merchant_cert.pem

# Platform key pair: certificate (serial with the high bit set, so DER adds a 00 byte), SPKI and PKCS#1 public keys.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out $keys/platform_key.pem 2>/dev/null
cp $keys/platform_key.pem platform_key.pem
self_signed platform_key.pem "/CN=Tenpay.com Root CA Test" 8F6E0A2B3C4D5E6F708192A3B4C5D6E7F8091A2B $keys/platform_cert.pem
openssl pkey -in platform_key.pem -pubout -out $keys/platform_pub.pem
openssl rsa -in platform_key.pem -RSAPublicKey_out -out platform_pub_pkcs1.pem 2>/dev/null

# An EC key, for the wrong-key-type cases.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec_key.pem

# Request signature: METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n signed by the merchant key.
printf 'POST\n/v3/payscore/smartretail-orders?a=%%27%%20%%2B%%25%%26%%E4%%B8%%AD\n1700000000\n593BEC0C930BF1AFEB40B4A08C8FB242\n{"appid":"wxd678efh567hg6787","out_order_no":"1234323JKHDFE1243252","service_id":"500001"}\n' > request_message.txt
openssl dgst -sha256 -sign merchant_key.pem request_message.txt | base64 -w0 > request_signature.txt

# Response signature: TIMESTAMP\nNONCE\nBODY\n signed by the platform key.
printf '1700000000\nC5AC5C72D5A1E46B37C5E5E2D2E3F4A5\n{"order_id":"1000000000201712050000","state":"CREATED"}\n' > response_message.txt
openssl dgst -sha256 -sign platform_key.pem response_message.txt | base64 -w0 > response_signature.txt

# A sensitive field encrypted with RSAES-OAEP (SHA-1, MGF1-SHA-1) for the merchant key.
printf '张三' > oaep_plaintext.txt
openssl pkeyutl -encrypt -pubin -inkey <(openssl pkey -in merchant_key.pem -pubout) \
  -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha1 -pkeyopt rsa_mgf1_md:sha1 -in oaep_plaintext.txt | base64 -w0 > oaep_ciphertext.txt

# AEAD_AES_256_GCM as in notifications, by Python `cryptography`.
python3 - <<'PY'
import base64, json
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
key, nonce, aad = b"0123456789abcdefABCDEF0123456789", b"fdasflkja484", b"transaction"
plaintext = '{"out_order_no":"1234323JKHDFE1243252","state":"USER_PAID","说明":"已支付"}'
ct = AESGCM(key).encrypt(nonce, plaintext.encode(), aad)
json.dump({"key": key.decode(), "nonce": nonce.decode(), "associated_data": aad.decode(),
           "plaintext": plaintext, "ciphertext": base64.b64encode(ct).decode()},
          open("aes_gcm.json", "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY

# Client-side pay signatures (paySign / sign) by the merchant key, for fixed inputs.
# JSAPI and mini-program: appId\ntimeStamp\nnonceStr\npackage\n.
printf 'wxd678efh567hg6787\n1700000000\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\nprepay_id=wx201410272009395522657a690389285100\n' > paysign_jsapi_message.txt
openssl dgst -sha256 -sign merchant_key.pem paysign_jsapi_message.txt | base64 -w0 > paysign_jsapi_signature.txt
# APP: appid\ntimestamp\nnoncestr\nprepayid\n (the prepay id itself, not package, is the fourth line).
printf 'wxd678efh567hg6787\n1700000000\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\nwx201410272009395522657a690389285100\n' > paysign_app_message.txt
openssl dgst -sha256 -sign merchant_key.pem paysign_app_message.txt | base64 -w0 > paysign_app_signature.txt

# A second platform key pair and certificate: WeChat Pay's certificate after a rotation, with a new serial.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out platform2_key.pem 2>/dev/null
# The platform key's certificate outside its validity period: expired in 2021, and not valid before 2098.
self_signed platform_key.pem "/CN=Tenpay.com Root CA Test" 1E7F0A2B3C4D5E6F708192A3B4C5D6E7F8091A2B expired_cert.pem rsa 2021 2016
self_signed platform_key.pem "/CN=Tenpay.com Root CA Test" 2F7F0A2B3C4D5E6F708192A3B4C5D6E7F8091A2B future_cert.pem rsa 2099 2098
# The rotated platform certificate expires a year after the first, so it is the one a client encrypts for.
self_signed platform2_key.pem "/CN=Tenpay.com Root CA Test 2" 4B1D2C3E4F5061728394A5B6C7D8E9F0A1B2C3D4 platform2_cert.pem rsa 2100

# The keys were copied here only to sign with; the kit's copies are the ones the tests load.
rm merchant_key.pem platform_key.pem

# 国密: an SM2 key pair, and a signature over a signing string made by OpenSSL (SM3, user id 1234567812345678).
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -out sm2_key.pem
openssl pkey -in sm2_key.pem -pubout -out sm2_pub.pem
printf 'GET\n/v3/certificates?algorithm_type=SM2\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n' > sm2_message.txt
openssl pkeyutl -sign -rawin -digest sm3 -pkeyopt distid:1234567812345678 -inkey sm2_key.pem -in sm2_message.txt -out sm2_signature.der
base64 -w0 sm2_signature.der > sm2_signature.txt && rm sm2_signature.der

# 国密 platform side: WeChat Pay's SM2 key and its self-signed SM2-with-SM3 certificate, and an answer signed by it.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -out sm2_platform_key.pem
self_signed sm2_platform_key.pem "/CN=Tenpay.com Root CA SM2 Test/O=Tenpay" 5A1E2B3C4D5E6F708192A3B4C5D6E7F8 sm2_platform_cert.pem sm2
printf '1700000000\nB3C1D8A51D2E4F6A8B9C0D1E2F3A4B5C\n{"code":"SM2"}\n' > sm2_response_message.txt
openssl pkeyutl -sign -rawin -digest sm3 -pkeyopt distid:1234567812345678 -inkey sm2_platform_key.pem -in sm2_response_message.txt -out sm2_response_signature.der
base64 -w0 sm2_response_signature.der > sm2_response_signature.txt && rm sm2_response_signature.der
# A sensitive field encrypted with SM2 (GB/T 32918.4, SM3) for the SM2 public key. OpenSSL 3 reads a key on the SM2
# curve as an SM2 key, so no option marks it, and writes the GM/T 0009 DER layout: SEQUENCE { x1, y1, C3, C2 }.
printf '张三13800138000' > sm2_plaintext.txt
openssl pkeyutl -encrypt -pubin -inkey sm2_pub.pem -in sm2_plaintext.txt | base64 -w0 > sm2_ciphertext.txt
# The same value encrypted until x1 or y1 is below 2^248, so its DER INTEGER is shorter than 32 bytes (about 1 in 128
# tries): a reader must pad it back to its 32-byte slot.
short_coordinate() { base64 -d sm2_ciphertext_short.txt | openssl asn1parse -inform DER 2>/dev/null | sed -n 2,3p | grep -Eq 'l= *([0-9]|[12][0-9]|3[01]) prim: INTEGER'; }
: > sm2_ciphertext_short.txt
until short_coordinate; do
  openssl pkeyutl -encrypt -pubin -inkey sm2_pub.pem -in sm2_plaintext.txt | base64 -w0 > sm2_ciphertext_short.txt
done

# The same SM2 platform certificate with its key named the way some SM2 certificates name it: the algorithm of its
# SubjectPublicKeyInfo is the SM2 OID 1.2.156.10197.1.301 alone, not id-ecPublicKey with the SM2 curve as parameter.
# The rewrite changes the signed part, so the issuer's signature no longer matches; a client never checks the
# signature of a platform certificate it is given, and the key inside is sm2_platform_key.pem's.
python3 - <<'PY'
import base64, re
def tlv(b, i):
    tag, n = b[i], b[i + 1]; i += 2
    if n & 0x80:
        k = n & 0x7F; n = int.from_bytes(b[i:i + k], 'big'); i += k
    return tag, b[i:i + n], i + n
def children(b):
    out, i = [], 0
    while i < len(b):
        tag, value, i = tlv(b, i); out.append((tag, value))
    return out
def der(tag, value):
    n = len(value)
    size = bytes([n]) if n < 0x80 else bytes([0x80 | ((n.bit_length() + 7) // 8)]) + n.to_bytes((n.bit_length() + 7) // 8, 'big')
    return bytes([tag]) + size + value
def join(parts): return b''.join(der(t, v) for t, v in parts)
pem = open('sm2_platform_cert.pem').read()
cert = base64.b64decode(''.join(re.findall(r'^[A-Za-z0-9+/=]+$', pem, re.M)))
_, body, _ = tlv(cert, 0)
tbs, rest = children(body)[0], children(body)[1:]
fields = children(tbs[1])
ec_public_key, sm2 = bytes.fromhex('06072a8648ce3d0201'), bytes.fromhex('06082a811ccf5501822d')
index = next(i for i, (t, v) in enumerate(fields) if t == 0x30 and v.startswith(b'\x30') and ec_public_key in v[:32])
algorithm, key = children(fields[index][1])
assert algorithm[1] == ec_public_key + sm2
fields[index] = (0x30, join([(0x30, sm2), key]))
out = der(0x30, der(0x30, join(fields)) + join(rest))
text = base64.b64encode(out).decode()
open('sm2_platform_cert_sm2_oid.pem', 'w').write('-----BEGIN CERTIFICATE-----\n' + '\n'.join(text[i:i + 64] for i in range(0, len(text), 64)) + '\n-----END CERTIFICATE-----\n')
PY

# The SM2 public key with the curve written out (explicit parameters) rather than named: once as it is, and once with
# the generator replaced by 2G, which is on the same curve but makes it another group's key, not an SM2 key.
openssl ec -pubin -in sm2_pub.pem -param_enc explicit -pubout -out sm2_pub_explicit.pem 2>/dev/null
python3 - <<'PY'
import base64, re
p = 0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF
a = p - 3
pem = open('sm2_pub_explicit.pem').read()
der = bytearray(base64.b64decode(''.join(re.findall(r'^[A-Za-z0-9+/=]+$', pem, re.M))))
gx = 0x32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7
gy = 0xBC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0
g = b'\x04' + gx.to_bytes(32, 'big') + gy.to_bytes(32, 'big')
at = der.index(g)
slope = (3 * gx * gx + a) * pow(2 * gy, -1, p) % p
x2 = (slope * slope - 2 * gx) % p
y2 = (slope * (gx - x2) - gy) % p
der[at:at + 65] = b'\x04' + x2.to_bytes(32, 'big') + y2.to_bytes(32, 'big')
text = base64.b64encode(bytes(der)).decode()
open('sm2_pub_explicit_other_generator.pem', 'w').write('-----BEGIN PUBLIC KEY-----\n' + '\n'.join(text[i:i + 64] for i in range(0, len(text), 64)) + '\n-----END PUBLIC KEY-----\n')
PY

# The SM2 platform certificate with one byte of its public point changed, so the point is on no curve: a damaged key.
point=$(openssl pkey -in sm2_platform_key.pem -pubout -outform DER | tail -c 65 | xxd -p -c 65)
python3 - "$point" <<'PY'
import base64, re, sys
point = bytes.fromhex(sys.argv[1])
pem = open('sm2_platform_cert.pem').read()
der = bytearray(base64.b64decode(''.join(re.findall(r'^[A-Za-z0-9+/=]+$', pem, re.M))))
at = der.index(point)
der[at + 64] ^= 0x01
text = base64.b64encode(bytes(der)).decode()
open('sm2_platform_cert_damaged_key.pem', 'w').write('-----BEGIN CERTIFICATE-----\n' + '\n'.join(text[i:i + 64] for i in range(0, len(text), 64)) + '\n-----END CERTIFICATE-----\n')
PY
