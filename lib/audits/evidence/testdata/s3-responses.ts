// S3's answers, in the exact shape of the examples of the Amazon S3 API
// Reference (CreateMultipartUpload, UploadPart, CompleteMultipartUpload,
// PutObject, AbortMultipartUpload and the error responses), replayed by the
// loopback server in s3-store.test.ts. Only bucket, key and ids are filled in.

export const recorded = {
  initiate: (bucket: string, key: string, uploadId: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>${bucket}</Bucket><Key>${key}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`,
  complete: (bucket: string, key: string, etag: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Location>http://${bucket}.s3.amazonaws.com/${key}</Location><Bucket>${bucket}</Bucket><Key>${key}</Key><ETag>&quot;${etag}&quot;</ETag></CompleteMultipartUploadResult>`,
  // CompleteMultipartUpload can fail after answering 200: the error is in the body.
  completeFailedIn200: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message><RequestId>656c76696e6727732072657175657374</RequestId><HostId>Uuag1LuByRx9e6j5Onimru9pO4ZVKnJ2Qz7/C1NPcfTWAtRPfTaOFg==</HostId></Error>`,
  signatureDoesNotMatch: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>`,
  internalError: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>`,
  noSuchUpload: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.</Message><UploadId>VXBsb2FkIElEIGZvciBlbHZpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA</UploadId></Error>`,
  // PutObject answers 200 with an empty body; the object's ETag is a header (the example's headers, id filled in).
  putObject: (etag: string) => ({ etag: `"${etag}"`, 'content-length': '0', 'x-amz-id-2': 'LriYPLdmOdAiIfgSm/F1YsViT1LW94/xUQxMsF7xiEb1a0wiIOIxl+zbwZ163pt7', 'x-amz-request-id': '0A49CE4060975EAC' }),
  // The upload id of the documentation's example.
  uploadId: 'VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA',
};
