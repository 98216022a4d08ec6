/** A REST or HTTP API id: 10 lowercase letters and digits (the host part before ".execute-api."). */
export const API_ID_PATTERN = /^[a-z0-9]{10}$/;
