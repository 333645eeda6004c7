import { handleTRPCRequest } from "@gatehouse/api";

const handler = (req: Request) => handleTRPCRequest(req);

export { handler as GET, handler as POST };
